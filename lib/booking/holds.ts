import "server-only";
import { settings, type Settings } from "@/lib/settings/settings";
import { addMinutes } from "date-fns";
import { getDb, type DbOrTx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { AppError, SLOT_TAKEN_MESSAGE } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { offeredMethods } from "@/lib/meetings/rooms";
import { LIVE_BOOKING_STATUSES, sqlList } from "@/lib/status/booking-status";
import { newBookingId, sha256Hex } from "./ids";
import type { BookingRequest } from "./schemas";
import { bookableRange, bookingRules, hasCrossBookingRules, ruleLockKeys, ruleRefusal, type BookingRules } from "./rules";
import { calendarFreeWithBuffersSql, firstBrokenRule, ruleColumnsSql, ruleLocksSql, type RuleColumns, type RuleScope } from "./rules-sql";

// ON CONFLICT must repeat the partial index's predicate literally (no parameters).
const LIVE_IN = Prisma.raw(sqlList(LIVE_BOOKING_STATUSES));

// Placing a hold is the one operation that claims a slot. The database decides who wins:
// the partial unique index "Booking_one_live_per_slot" admits one live booking per slot,
// so concurrent attempts cannot both succeed, whatever the application checks saw.

export type PlacedHold = {
  bookingId: string;
  slotId: string;
  holdExpiresAt: Date;
  resumed: boolean;
  amountCents: number;
  currency: string;
  requiresPayment: boolean;
};

export type HoldContext = { clientSession?: string; now?: Date };

/** Marks this slot's lapsed holds EXPIRED so they stop occupying the unique index. */
export async function expireLapsedHoldsOnSlot(tx: DbOrTx, slotId: string, now: Date): Promise<void> {
  await tx.booking.updateMany({
    where: { slotId, status: "PENDING_PAYMENT", holdExpiresAt: { lte: now } },
    data: { status: "EXPIRED" },
  });
}

export const CALENDAR_BUSY_MESSAGE = "That time is no longer free in our calendar. Please pick another time.";

/** False when the owner's calendars (the busy cache) have the slot's buffered time taken. */
async function isCalendarFree(tx: DbOrTx, slotId: string, rules: BookingRules, now: Date): Promise<boolean> {
  const [row] = await tx.$queryRaw<
    { free: boolean }[]
  >`SELECT ${calendarFreeWithBuffersSql(rules, now)} AS "free" FROM "Slot" s WHERE s."id" = ${slotId}::uuid`;
  return row?.free ?? false;
}

/** Throws the visitor's message for the first cross-booking rule the slot breaks (rules-sql.ts). */
export async function assertRulesAllow(tx: DbOrTx, slotId: string, rules: BookingRules, scope: RuleScope, email?: string): Promise<void> {
  if (!hasCrossBookingRules(rules)) return;
  const [row] = await tx.$queryRaw<RuleColumns[]>`
    SELECT ${ruleColumnsSql(rules, scope, email)} FROM "Slot" s WHERE s."id" = ${slotId}::uuid`;
  const broken = row ? firstBrokenRule(row) : null;
  if (broken) throw new AppError("slot_unavailable", ruleRefusal(broken, rules));
}

/**
 * The slot, if a visitor may claim it now with this method; AppError otherwise. Rules that
 * involve other bookings are checked by the caller (assertRulesAllow), after its locks.
 */
export async function loadHoldableSlot(tx: DbOrTx, request: Pick<BookingRequest, "slotId" | "method">, now: Date, s: Settings) {
  const slot = await tx.slot.findUnique({ where: { id: request.slotId } });
  if (!slot) throw new AppError("not_found", "That time does not exist. Please pick another time.");
  const rules = bookingRules(s);
  const range = bookableRange(rules, now);
  if (!slot.isAvailable) throw new AppError("slot_unavailable", "That time is not available. Please pick another time.");
  if (slot.startsAt <= now) throw new AppError("slot_unavailable", "That time has already passed. Please pick another time.");
  if (slot.startsAt < range.from) {
    const hours = Math.round((rules.noticeMinutes / 60) * 10) / 10;
    throw new AppError("slot_unavailable", `Bookings need at least ${hours} hours' notice. Please pick a later time.`);
  }
  if (slot.startsAt >= range.to) {
    throw new AppError("slot_unavailable", `Bookings open ${rules.windowDays} days ahead. Please pick an earlier time.`);
  }
  if (!slot.methods.includes(request.method) || !offeredMethods(s).includes(request.method)) {
    throw new AppError("validation_failed", "That meeting method is not offered for this time.", {
      fieldErrors: { method: ["Please choose one of the methods offered for this time."] },
    });
  }
  if (!(await isCalendarFree(tx, slot.id, rules, now))) throw new AppError("slot_unavailable", CALENDAR_BUSY_MESSAGE);
  return slot;
}

/**
 * Holds a slot for HOLD_MINUTES as a PENDING_PAYMENT booking. A visitor whose own hold on
 * the slot is still active (same browser session) resumes it instead of conflicting.
 * Throws AppError: slot_taken (409), slot_unavailable, not_found, validation_failed.
 */
export async function placeHold(request: BookingRequest, context: HoldContext = {}): Promise<PlacedHold> {
  const now = context.now ?? new Date();
  const sessionHash = context.clientSession ? sha256Hex(context.clientSession) : null;
  const db = await getDb();
  const s = await settings(db);
  const rules = bookingRules(s);
  // Validation reads give precise messages; the INSERT below re-checks everything atomically.
  const slot = await loadHoldableSlot(db, request, now, s);
  const details = {
    method: request.method,
    name: request.name,
    email: request.email,
    company: request.company ?? null,
    phone: request.phone ?? null,
    notes: request.notes ?? null,
    timeZone: request.timeZone ?? s.BUSINESS_TIME_ZONE,
  };
  const summary = {
    slotId: slot.id,
    amountCents: slot.priceCents,
    currency: slot.currency,
    requiresPayment: slot.requiresPayment && slot.priceCents > 0,
  };

  if (sessionHash) {
    const own = await db.booking.findFirst({
      where: { slotId: slot.id, status: "PENDING_PAYMENT", holdExpiresAt: { gt: now }, clientSessionHash: sessionHash },
      select: { id: true, holdExpiresAt: true },
    });
    if (own) {
      const resumed = await db.booking.updateMany({
        where: { id: own.id, status: "PENDING_PAYMENT", holdExpiresAt: { gt: now } },
        data: details,
      });
      if (resumed.count === 1) return { ...summary, bookingId: own.id, holdExpiresAt: own.holdExpiresAt!, resumed: true };
    }
  }

  // No interactive transaction: under a burst of requests, holding a pooled connection
  // across round trips is what turns contention into timeouts. Two single statements,
  // and the unique index decides the winner. A loser meets the index through ON CONFLICT
  // DO NOTHING rather than an error: a failed statement costs the driver its pooled
  // connection (a new one means a new TCP and SCRAM handshake, ~30 ms), which is what made
  // 50 racing requests take 2 s (docs/benchmarks.md).
  // With a buffer or a cap on, the INSERT also counts other bookings, which a unique index
  // cannot decide: it then runs in a batch transaction right after the rules' advisory locks
  // (ADR 104), so it sees every claim on the same day, week or email that went before it.
  await expireLapsedHoldsOnSlot(db, slot.id, now);
  const bookingId = newBookingId();
  const holdExpiresAt = addMinutes(now, s.HOLD_MINUTES);
  const range = bookableRange(rules, now);
  const scope = { now };
  const insert = db.$queryRaw<({ slotOpen: boolean; id: string | null } & RuleColumns)[]>`
    WITH target AS (
      SELECT s."id", ${ruleColumnsSql(rules, scope, details.email)} FROM "Slot" s
      WHERE s."id" = ${slot.id}::uuid AND s."isAvailable"
        AND s."startsAt" >= ${range.from} AND s."startsAt" < ${range.to}
        AND ${calendarFreeWithBuffersSql(rules, now)}
      -- Waits for an admin edit of this slot in progress and re-checks its committed state;
      -- shared locks never make concurrent holds wait for each other.
      FOR SHARE OF s
    ), placed AS (
      INSERT INTO "Booking" ("id", "slotId", "status", "holdExpiresAt", "method", "name", "email", "company",
        "phone", "notes", "timeZone", "clientSessionHash", "createdAt", "updatedAt")
      SELECT ${bookingId}, target."id", 'PENDING_PAYMENT', ${holdExpiresAt}, ${details.method}::"MeetingMethod",
        ${details.name}, ${details.email}, ${details.company}, ${details.phone}, ${details.notes}, ${details.timeZone},
        ${sessionHash}, ${now}, ${now}
      FROM target
      WHERE target."bufferFree" AND target."dayFree" AND target."weekFree" AND target."emailFree"
      -- The partial unique index Booking_one_live_per_slot (same predicate).
      ON CONFLICT ("slotId") WHERE "status" IN (${LIVE_IN}) DO NOTHING
      RETURNING "id"
    )
    SELECT EXISTS (SELECT 1 FROM target) AS "slotOpen", (SELECT "id" FROM placed) AS "id",
      COALESCE((SELECT "bufferFree" FROM target), TRUE) AS "bufferFree", COALESCE((SELECT "dayFree" FROM target), TRUE) AS "dayFree",
      COALESCE((SELECT "weekFree" FROM target), TRUE) AS "weekFree", COALESCE((SELECT "emailFree" FROM target), TRUE) AS "emailFree"`;
  const keys = ruleLockKeys(rules, { startsAt: slot.startsAt, endsAt: addMinutes(slot.startsAt, slot.durationMinutes) }, details.email);
  const [outcome] = keys.length === 0 ? await insert : (await db.$transaction([db.$queryRaw(ruleLocksSql(keys)), insert]))[1];
  if (!outcome?.slotOpen) throw new AppError("slot_unavailable", "That time is no longer available. Please pick another time.");
  const broken = firstBrokenRule(outcome);
  if (broken) {
    log("info", "booking.hold_refused_by_rule", { slotId: slot.id, rule: broken });
    throw new AppError("slot_unavailable", ruleRefusal(broken, rules));
  }
  if (!outcome.id) {
    log("info", "booking.hold_conflict", { slotId: slot.id });
    throw new AppError("slot_taken", SLOT_TAKEN_MESSAGE);
  }
  log("info", "booking.hold_placed", { bookingId, slotId: slot.id, holdExpiresAt: holdExpiresAt.toISOString() });
  return { ...summary, bookingId, holdExpiresAt, resumed: false };
}

/** Releases a hold nobody can pay for (e.g. the payment provider was down). */
export async function releaseHold(bookingId: string): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const released = await tx.booking.deleteMany({
      where: { id: bookingId, status: "PENDING_PAYMENT", payment: { is: null } },
    });
    if (released.count === 0) {
      await tx.booking.updateMany({ where: { id: bookingId, status: "PENDING_PAYMENT" }, data: { status: "EXPIRED" } });
    }
  });
  log("info", "booking.hold_released", { bookingId });
}

/** Marks every lapsed hold EXPIRED (queries already treat them as free). Returns their ids. */
export async function expireStaleHolds(now = new Date(), batchSize = 500): Promise<string[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Booking" SET "status" = 'EXPIRED', "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM "Booking"
      WHERE "status" = 'PENDING_PAYMENT' AND "holdExpiresAt" <= ${now}
      ORDER BY "holdExpiresAt" LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  for (const row of rows) log("info", "booking.hold_expired", { bookingId: row.id });
  return rows.map((r) => r.id);
}

export type OwnHold = {
  bookingId: string;
  slotId: string;
  holdExpiresAt: Date;
  method: BookingRequest["method"];
  amountCents: number;
  currency: string;
  details: { name: string; email: string; company: string; phone: string; notes: string };
};

/** This browser session's live hold on the slot, if any: how a reload finds its hold again. */
export async function findOwnLiveHold(slotId: string, clientSession: string, now = new Date()): Promise<OwnHold | null> {
  const db = await getDb();
  const row = await db.booking.findFirst({
    where: { slotId, status: "PENDING_PAYMENT", holdExpiresAt: { gt: now }, clientSessionHash: sha256Hex(clientSession) },
    include: { slot: { select: { priceCents: true, currency: true } } },
  });
  if (!row?.holdExpiresAt) return null;
  return {
    bookingId: row.id,
    slotId: row.slotId,
    holdExpiresAt: row.holdExpiresAt,
    method: row.method,
    amountCents: row.slot.priceCents,
    currency: row.slot.currency,
    details: { name: row.name, email: row.email, company: row.company ?? "", phone: row.phone ?? "", notes: row.notes ?? "" },
  };
}
