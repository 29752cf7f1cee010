import "server-only";
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { getDb, isConstraintViolation, isUniqueViolation, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { isCalendarDate } from "@/lib/time-zones";
import { MEETING_METHODS } from "@/lib/meeting-methods";
import { parseAmountToCents } from "@/lib/format";
import { DEFAULT_PLAN, slotPlanSchema, type SlotPlanOptions } from "./slot-generator";
import { seedSlots, type SeedResult } from "./seed-slots";
import { LIVE_BOOKING_STATUSES } from "@/lib/status/booking-status";
import { slotReasons, unbookableExplanation, type UnbookableReason } from "./bookability";
import { settings } from "@/lib/settings/settings";
import { planSlots } from "./slot-generator";

// Slot management for the admin. Integrity stays in the database: the exclusion
// constraint "Slot_no_overlap" refuses overlapping slots, and "edit or delete only when no
// live booking" is a condition inside the UPDATE/DELETE itself (after locking the slot
// row, which waits for any hold being placed on it), never a check followed by a write.

export const OVERLAP_MESSAGE = "This slot overlaps an existing slot. Pick a start time and duration that do not overlap.";
const HAS_BOOKING_MESSAGE = "This slot has a held or booked appointment, so it cannot be changed. Cancel the booking first.";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const methodList = z.preprocess(
  (v) => (Array.isArray(v) ? v : v === undefined || v === null || v === "" ? [] : [v]),
  z.array(z.enum(MEETING_METHODS)).min(1, "Choose at least one meeting method."),
);
const amount = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const cents = parseAmountToCents(s === "" ? "0" : s);
    if (cents === undefined) {
      ctx.addIssue({ code: "custom", message: "Enter an amount like 10.00." });
      return z.NEVER;
    }
    return cents;
  });

/** The create/edit form; the start is a wall-clock date and time in the business zone. */
export const slotInputSchema = z
  .object({
    date: z.string().refine(isCalendarDate, "Enter a date as YYYY-MM-DD."),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time as HH:MM."),
    durationMinutes: z.coerce.number().int("Whole minutes only.").min(5, "At least 5 minutes.").max(480, "At most 480 minutes."),
    methods: methodList,
    requiresPayment: checkbox,
    amount,
    isAvailable: checkbox,
  })
  .refine((s) => !s.requiresPayment || s.amount > 0, { message: "A paid slot needs an amount above zero.", path: ["amount"] });

export type SlotInput = z.output<typeof slotInputSchema>;

/** The bulk generator's form; bulkGenerateSlots validates it with the seed script's plan schema. */
export const bulkSlotsSchema = z.object({
  days: z.coerce.number(),
  startHour: z.coerce.number(),
  endHour: z.coerce.number(),
  durationMinutes: z.coerce.number(),
  amount,
  methods: methodList,
});

export type BulkSlotsInput = z.output<typeof bulkSlotsSchema>;

// The plan schema speaks in the script's flags; the form shows its own labels.
const FLAG_LABELS: Record<string, string> = {
  "--days": "Days",
  "--start-hour": "Start hour",
  "--end-hour": "End hour",
  "--duration": "Duration",
  "--payment-amount": "Amount",
};
const FIELD_FOR_PATH: Record<string, string> = { priceCents: "amount" };

function planOptions(input: BulkSlotsInput, timeZone: string): SlotPlanOptions {
  const { amount: priceCents, ...rest } = input;
  const parsed = slotPlanSchema.safeParse({ ...rest, priceCents, currency: DEFAULT_PLAN.currency, timeZone });
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = FIELD_FOR_PATH[String(issue.path[0])] ?? String(issue.path[0] ?? "_form");
    const message = issue.message.replace(/--[a-z-]+/g, (flag) => FLAG_LABELS[flag] ?? flag);
    (fieldErrors[field] ??= []).push(message.charAt(0).toUpperCase() + message.slice(1) + ".");
  }
  throw new AppError("validation_failed", "Some fields need attention.", { fieldErrors });
}

/** The UTC instant of a business-local date and time; refuses times a DST jump skips. */
export function businessInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const local = new TZDate(y, m - 1, d, hh, mm, timeZone);
  if (local.getDate() !== d || local.getHours() !== hh || local.getMinutes() !== mm) {
    throw new AppError("validation_failed", "That time does not exist on that day (the clocks change).", {
      fieldErrors: { time: ["That time is skipped by a daylight-saving change."] },
    });
  }
  return new Date(local.getTime());
}

function slotData(input: SlotInput, timeZone: string) {
  return {
    startsAt: businessInstant(input.date, input.time, timeZone),
    durationMinutes: input.durationMinutes,
    methods: input.methods,
    requiresPayment: input.requiresPayment && input.amount > 0,
    priceCents: input.amount,
    isAvailable: input.isAvailable,
  };
}

function slotSnapshot(slot: {
  startsAt: Date;
  durationMinutes: number;
  methods: string[];
  requiresPayment: boolean;
  priceCents: number;
  currency: string;
  isAvailable: boolean;
}) {
  const { startsAt, durationMinutes, methods, requiresPayment, priceCents, currency, isAvailable } = slot;
  return { startsAt, durationMinutes, methods, requiresPayment, priceCents, currency, isAvailable };
}

/** Overlaps (and duplicate starts) come back from the database as a clear message. */
async function refusingOverlaps<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      isConstraintViolation(error, "Slot_no_overlap") ||
      isUniqueViolation(error, "startsAt") ||
      isUniqueViolation(error, "Slot_startsAt_key")
    ) {
      throw new AppError("conflict", OVERLAP_MESSAGE, { fieldErrors: { time: [OVERLAP_MESSAGE] } });
    }
    throw error;
  }
}

/** Locks the slot row: a hold being placed on it (its FK check) finishes first, or waits. */
async function lockSlot(tx: Tx, slotId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Slot" WHERE "id" = ${slotId}::uuid FOR UPDATE`;
  if (rows.length === 0) throw new AppError("not_found", "Slot not found.");
  return tx.slot.findUniqueOrThrow({ where: { id: slotId } });
}

const noLiveBooking = { bookings: { none: { status: { in: [...LIVE_BOOKING_STATUSES] } } } };

/** Creates a slot; `hiddenBecause` says why visitors will not see it (say, inside the minimum notice). */
export async function createSlot(
  actor: AuditActor,
  input: SlotInput,
  timeZone: string,
  now = new Date(),
): Promise<{ id: string; hiddenBecause: string | null }> {
  const db = await getDb();
  const data = { ...slotData(input, timeZone), currency: DEFAULT_PLAN.currency };
  const id = await refusingOverlaps(() =>
    db.$transaction(async (tx) => {
      const slot = await tx.slot.create({ data });
      await recordAudit(tx, actor, { action: "slot.create", entityType: "slot", entityId: slot.id, after: slotSnapshot(slot) });
      return slot.id;
    }),
  );
  // The same rules as the listing, buffers and caps included: the slot exists now, so the database can say.
  const s = await settings(db);
  const reason = (await slotReasons([{ ...data, id, bookings: [] }], s, now, db)).get(id);
  return { id, hiddenBecause: reason ? unbookableExplanation(reason, s) : null };
}

export async function updateSlot(actor: AuditActor, slotId: string, input: SlotInput, timeZone: string): Promise<void> {
  const db = await getDb();
  const data = slotData(input, timeZone);
  await refusingOverlaps(() =>
    db.$transaction(async (tx) => {
      const before = await lockSlot(tx, slotId);
      const updated = await tx.slot.updateMany({ where: { id: slotId, ...noLiveBooking }, data });
      if (updated.count === 0) throw new AppError("conflict", HAS_BOOKING_MESSAGE);
      const after = await tx.slot.findUniqueOrThrow({ where: { id: slotId } });
      await recordAudit(tx, actor, {
        action: "slot.update",
        entityType: "slot",
        entityId: slotId,
        before: slotSnapshot(before),
        after: slotSnapshot(after),
      });
    }),
  );
}

export async function deleteSlot(actor: AuditActor, slotId: string): Promise<void> {
  const db = await getDb();
  try {
    await db.$transaction(async (tx) => {
      const before = await lockSlot(tx, slotId);
      const deleted = await tx.slot.deleteMany({ where: { id: slotId, ...noLiveBooking } });
      if (deleted.count === 0) throw new AppError("conflict", HAS_BOOKING_MESSAGE);
      await recordAudit(tx, actor, { action: "slot.delete", entityType: "slot", entityId: slotId, before: slotSnapshot(before) });
    });
  } catch (error) {
    // Booking_slotId_fkey (ON DELETE RESTRICT) keeps cancelled and expired bookings' slots.
    if (isConstraintViolation(error, "Booking_slotId_fkey") || (error as { code?: string }).code === "P2003") {
      throw new AppError("conflict", "This slot has past bookings on record, so it cannot be deleted. Make it unavailable instead.");
    }
    throw error;
  }
}

/** Opening or closing a slot never touches its bookings, so it is allowed at any time. */
export async function setSlotAvailability(actor: AuditActor, slotId: string, isAvailable: boolean): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const before = await lockSlot(tx, slotId);
    await tx.slot.update({ where: { id: slotId }, data: { isAvailable } });
    await recordAudit(tx, actor, {
      action: isAvailable ? "slot.open" : "slot.close",
      entityType: "slot",
      entityId: slotId,
      before: { isAvailable: before.isAvailable },
      after: { isAvailable },
    });
  });
}

export type BulkResult = SeedResult & {
  /** Planned slots visitors will not see, by reason, with the admin's explanation (past and booked left out). */
  hidden: { reason: UnbookableReason; count: number; explanation: string }[];
};

/** Why the planned slots are hidden from visitors, counted per reason (the bulk generator's warning). */
async function hiddenAmong(planned: readonly Date[], now: Date): Promise<BulkResult["hidden"]> {
  const db = await getDb();
  const s = await settings(db);
  const slots = await db.slot.findMany({
    where: { startsAt: { in: [...planned] } },
    include: { bookings: { select: { status: true, holdExpiresAt: true } } },
  });
  const counts = new Map<UnbookableReason, number>();
  for (const reason of (await slotReasons(slots, s, now, db)).values()) {
    if (reason && reason !== "past" && reason !== "booked" && reason !== "held") counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count, explanation: unbookableExplanation(reason, s) }));
}

/** Bulk generation through the seed script's own code path (seedSlots). */
export async function bulkGenerateSlots(actor: AuditActor, input: BulkSlotsInput, timeZone: string, now = new Date()): Promise<BulkResult> {
  const options = planOptions(input, timeZone);
  const result = await seedSlots(options, { from: now });
  const hidden = await hiddenAmong(
    planSlots(options, now)
      .filter((slot) => slot.startsAt > now)
      .map((slot) => slot.startsAt),
    now,
  );
  const db = await getDb();
  await recordAudit(db, actor, {
    action: "slot.bulk_generate",
    entityType: "slot",
    entityId: "bulk",
    after: { ...options, created: result.created, skipped: result.existing },
  });
  return { ...result, hidden };
}
