import { describe, expect, it } from "vitest";
import { parseSeedArgs } from "./seed-slots-args";

const parse = (...argv: string[]) => parseSeedArgs(argv, "America/New_York");

describe("parseSeedArgs", () => {
  it("uses the original system's defaults", () => {
    const args = parse();
    expect(args).toMatchObject({
      kind: "run",
      dryRun: false,
      options: { days: 30, startHour: 9, endHour: 17, durationMinutes: 60, priceCents: 1000, timeZone: "America/New_York" },
    });
  });

  it("accepts every option", () => {
    const args = parse(
      "--days",
      "5",
      "--start-hour",
      "8",
      "--end-hour",
      "12",
      "--duration",
      "30",
      "--payment-amount",
      "25.50",
      "--timezone",
      "Europe/Paris",
      "--methods",
      "zoom,phone",
      "--dry-run",
    );
    expect(args).toMatchObject({
      kind: "run",
      dryRun: true,
      options: {
        days: 5,
        startHour: 8,
        endHour: 12,
        durationMinutes: 30,
        priceCents: 2550,
        timeZone: "Europe/Paris",
        methods: ["ZOOM", "PHONE"],
      },
    });
  });

  it.each([
    [["--start-hour", "17", "--end-hour", "9"], /--end-hour must be after --start-hour/],
    [["--payment-amount", "-5"], /must not be negative/],
    [["--payment-amount", "abc"], /--payment-amount must be an amount/],
    [["--methods", "zoom,fax"], /unknown method "fax"/],
    [["--timezone", "Mars/Olympus"], /unknown time zone "Mars\/Olympus"/],
    [["--days", "0"], /--days must be at least 1/],
    [["--days", "1.5"], /--days must be a whole number/],
    [["--duration", "600"], /--duration must be at most 480/],
    [["--start-hour", "9", "--end-hour", "10", "--duration", "90"], /does not fit/],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("rejects %j with a one-line message", (argv, message) => {
    const args = parse(...argv);
    expect(args.kind).toBe("error");
    if (args.kind === "error") {
      expect(args.message).toMatch(message);
      expect(args.message).not.toContain("\n");
    }
  });

  it("--from-schedule syncs the saved schedule and refuses plan flags beside it", () => {
    expect(parse("--from-schedule")).toEqual({ kind: "sync", dryRun: false });
    expect(parse("--from-schedule", "--dry-run")).toEqual({ kind: "sync", dryRun: true });
    const mixed = parse("--from-schedule", "--days", "10");
    expect(mixed).toEqual({ kind: "error", message: "--from-schedule takes no --days: the schedule saved in admin decides" });
  });
});
