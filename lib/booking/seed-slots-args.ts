import { parseArgs } from "node:util";
import { parseAmountToCents } from "@/lib/format";
import { DEFAULT_PLAN, parseMethodList, slotPlanSchema, type SlotPlanOptions } from "./slot-generator";

export const SEED_USAGE = `Usage: npx tsx scripts/seed-slots.ts [options]
       npx tsx scripts/seed-slots.ts --from-schedule [--dry-run]
  --from-schedule       sync the slots of the weekly schedule saved in admin (or the default
                        Mon-Fri 9-17) for the booking window, as the maintenance job does;
                        takes no plan flags
  With plan flags (or none), adds manual slots the schedule's sync leaves alone:
  --days N              calendar days ahead to fill (default 30; weekdays only)
  --start-hour H        first slot hour, business time (default 9)
  --end-hour H          hour the last slot must end by (default 17)
  --duration MIN        slot length in minutes (default 60)
  --payment-amount X    booking fee in dollars, e.g. 10.00 (default 10.00; 0 = free)
  --timezone TZ         IANA zone (default BUSINESS_TIME_ZONE)
  --methods LIST        comma list of zoom,teams,phone,meet (default all)
  --dry-run             print what would be created, write nothing`;

export type SeedArgs =
  | { kind: "run"; options: SlotPlanOptions; dryRun: boolean }
  | { kind: "sync"; dryRun: boolean }
  | { kind: "help" }
  | { kind: "error"; message: string };

const PLAN_FLAGS = ["days", "start-hour", "end-hour", "duration", "payment-amount", "timezone", "methods", "currency"] as const;

function integer(name: string, raw: string | undefined, fallback: number): number | string {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) return `--${name} must be a whole number, got "${raw}"`;
  return Number(raw);
}

/** Parses and validates the seed script's arguments; never throws. */
export function parseSeedArgs(argv: string[], defaultTimeZone: string): SeedArgs {
  // "--payment-amount -5" would read as an unknown option "-5"; join negative numbers so
  // they reach validation and get a clear message.
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i]!.startsWith("--") && !argv[i]!.includes("=") && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${argv[i]}=${next}`);
      i++;
    } else joined.push(argv[i]!);
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: joined,
      strict: true,
      allowPositionals: false,
      options: {
        days: { type: "string" },
        "start-hour": { type: "string" },
        "end-hour": { type: "string" },
        duration: { type: "string" },
        "payment-amount": { type: "string" },
        timezone: { type: "string" },
        methods: { type: "string" },
        currency: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        "from-schedule": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    return { kind: "error", message: (error as Error).message.split("\n")[0] ?? "invalid arguments" };
  }
  if (values.help) return { kind: "help" };
  if (values["from-schedule"]) {
    const mixed = PLAN_FLAGS.find((flag) => values[flag] !== undefined);
    if (mixed) return { kind: "error", message: `--from-schedule takes no --${mixed}: the schedule saved in admin decides` };
    return { kind: "sync", dryRun: values["dry-run"] ?? false };
  }

  const days = integer("days", values.days, DEFAULT_PLAN.days);
  const startHour = integer("start-hour", values["start-hour"], DEFAULT_PLAN.startHour);
  const endHour = integer("end-hour", values["end-hour"], DEFAULT_PLAN.endHour);
  const durationMinutes = integer("duration", values.duration, DEFAULT_PLAN.durationMinutes);
  for (const v of [days, startHour, endHour, durationMinutes]) if (typeof v === "string") return { kind: "error", message: v };

  let priceCents: number = DEFAULT_PLAN.priceCents;
  if (values["payment-amount"] !== undefined) {
    const raw = values["payment-amount"];
    if (raw.trim().startsWith("-")) return { kind: "error", message: "--payment-amount must not be negative" };
    const cents = parseAmountToCents(raw);
    if (cents === undefined) return { kind: "error", message: `--payment-amount must be an amount like 10.00, got "${raw}"` };
    priceCents = cents;
  }
  const methods = values.methods === undefined ? [...DEFAULT_PLAN.methods] : parseMethodList(values.methods);
  if (typeof methods === "string") return { kind: "error", message: `--methods: ${methods}` };

  const parsed = slotPlanSchema.safeParse({
    days,
    startHour,
    endHour,
    durationMinutes,
    priceCents,
    currency: (values.currency ?? DEFAULT_PLAN.currency).toLowerCase(),
    timeZone: values.timezone ?? defaultTimeZone,
    methods,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message = issue.path[0] === "timeZone" ? `--timezone: unknown time zone "${values.timezone}"` : issue.message;
    return { kind: "error", message };
  }
  return { kind: "run", options: parsed.data, dryRun: values["dry-run"] ?? false };
}
