import fc from "fast-check";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { adminSessionHeaders } from "@/tests/helpers/admin-fixtures";
import { FUZZ_RUNS, FUZZ_SEED, malformedBooking, pathSegment, weirdValue } from "@/tests/e2e/helpers/fuzz";
import { createSlot } from "@/tests/helpers/factories";
import { requestHeaders, setRequestHeaders } from "@/tests/helpers/next-request-mock";
import { useTestDatabase } from "@/tests/helpers/test-db";

// Every server action's input, fuzzed: the visitor's two writes, the manage-link forms, the
// admin login, and every admin action called with a real admin session. Each gets FUZZ_RUNS
// malformed inputs (fixed seed). None may throw, log an error (tests/helpers/setup.ts fails a
// test on console.error) or write a domain row; each must answer with a clear error.
// The HTTP endpoints are fuzzed the same way in tests/e2e/fuzz-api.spec.ts.

vi.mock("next/headers", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextCache));

const t = useTestDatabase();

const TABLES = ["booking", "payment", "refund", "slot", "outboxEmail", "webhookEvent", "auditLog", "session"] as const;
async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = await (t.db[table] as unknown as { count: () => Promise<number> }).count();
  return counts;
}

/** The form fields the actions read, plus unknown ones, with malformed string values. */
const FIELDS = [
  "token",
  "slotId",
  "bookingId",
  "emailId",
  "email",
  "password",
  "next",
  "startsAt",
  "date",
  "time",
  "durationMinutes",
  "priceCents",
  "currency",
  "requiresPayment",
  "methods",
  "isAvailable",
  "days",
  "startHour",
  "endHour",
  "reason",
  "refund",
  "amountCents",
  "projectOutcome",
  "projectNotes",
  "x",
];
const formValue = weirdValue.map((v) => (typeof v === "string" ? v : (JSON.stringify(v) ?? "")));
const malformedForm = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), formValue), { maxLength: 8 })
  .map((entries) => {
    const form = new FormData();
    for (const [key, value] of entries) form.append(key, value);
    return form;
  });

type Answer = { ok?: boolean; code?: string; message?: string };
const isRefusal = (a: Answer | undefined) => !!a && a.ok === false && typeof a.message === "string" && a.message.length > 0;

async function fuzz<T>(arbitrary: fc.Arbitrary<T>, call: (input: T) => Promise<Answer | undefined>) {
  const before = await rowCounts();
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(arbitrary, fc.integer({ min: 1, max: 250 }), async (input, ip) => {
      requestHeaders().set("x-forwarded-for", `10.9.${ip}.${calls++ % 250}`);
      const answer = await call(input);
      expect(isRefusal(answer), JSON.stringify(answer)).toBe(true);
    }),
    { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
  );
  expect(calls).toBe(FUZZ_RUNS);
  expect(await rowCounts()).toEqual(before);
}

describe("fuzzing every server action input", () => {
  beforeEach(async () => {
    setRequestHeaders(new Headers());
    await createSlot(t.db); // something real to aim at
  });

  it("startBookingAction (contact page)", async () => {
    const { startBookingAction } = await import("@/app/contact/actions");
    await fuzz(malformedBooking, (input) => startBookingAction(input));
  });

  it("confirmPaymentAction (contact page)", async () => {
    const { confirmPaymentAction } = await import("@/app/contact/actions");
    await fuzz(fc.oneof(pathSegment, weirdValue), (input) => confirmPaymentAction(input));
  });

  it("embedStartBookingAction and embedConfirmPaymentAction (embed), with a fuzzed session and parent too", async () => {
    const { embedStartBookingAction, embedConfirmPaymentAction } = await import("@/app/embed/actions");
    const context = fc.oneof(weirdValue, fc.record({ session: weirdValue, parent: weirdValue }));
    await fuzz(fc.tuple(context, malformedBooking), ([ctx, input]) => embedStartBookingAction(ctx, input));
    await fuzz(fc.tuple(context, fc.oneof(pathSegment, weirdValue)), ([ctx, id]) => embedConfirmPaymentAction(ctx, id));
  });

  it("cancelBookingAction and rescheduleBookingAction (manage link)", async () => {
    const { cancelBookingAction, rescheduleBookingAction } = await import("@/app/booking/[token]/actions");
    await fuzz(malformedForm, async (form) => (await cancelBookingAction(null, form)) ?? undefined);
    await fuzz(malformedForm, async (form) => (await rescheduleBookingAction(null, form)) ?? undefined);
  });

  it("login (admin)", async () => {
    const { login } = await import("@/app/admin/login/actions");
    await fuzz(malformedForm, (form) => login(undefined, form));
  });

  it("every admin action, with a signed-in admin", async () => {
    const modules = {
      ...(await import("@/app/admin/(panel)/bookings/[id]/actions")),
      ...(await import("@/app/admin/(panel)/slots/actions")),
      ...(await import("@/app/admin/(panel)/emails/actions")),
    };
    const session = await adminSessionHeaders();
    const actions = Object.entries(modules).filter(([, value]) => typeof value === "function") as [
      string,
      (p: undefined, f: FormData) => Promise<Answer>,
    ][];
    expect(actions.length).toBeGreaterThanOrEqual(13);
    expect(actions.map(([name]) => name)).toContain("reissueManageLinkAction");
    for (const [name, action] of actions) {
      await fuzz(malformedForm, async (form) => {
        for (const [key, value] of session) requestHeaders().set(key, value);
        return action(undefined, form).catch((error: unknown) => {
          throw new Error(`${name} threw: ${String(error)}`);
        });
      });
    }
  });
});
