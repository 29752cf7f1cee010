import "server-only";
import { addMinutes } from "date-fns";
import { getDb, isUniqueViolation, type Tx } from "@/lib/db";
import type { BookingStatus, ProjectOutcome } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { bookingEmailSnapshot } from "@/lib/email/booking-snapshot";
import { enqueueEmail } from "@/lib/email/outbox";
import { meetingLinkFor, meetingRequestFor } from "@/lib/meetings/links";
import { settings } from "@/lib/settings/settings";
import { rotateManageTokenFrom } from "./manage-access";
import { bookingRuleBreaches } from "./rule-breaches";
import { confirmBooking } from "./transitions";

// Booking moves only an admin makes. Each is a conditional UPDATE (so a concurrent move
// makes it a no-op rather than a double move) with its audit entry in the same
// transaction. Cancelling (which may refund) lives above, in lib/admin.

export const ADMIN_STATUS_LABEL: Record<BookingStatus, string> = {
  PENDING_PAYMENT: "awaiting payment",
  CONFIRMED: "confirmed",
  COMPLETED: "completed",
  NO_SHOW: "marked as a no-show",
  CANCELLED: "cancelled",
  EXPIRED: "expired",
};

/** The statuses each meeting result may be recorded from (the other result corrects a mistake). */
const MEETING_RESULT_FROM: Record<"COMPLETED" | "NO_SHOW", BookingStatus[]> = {
  COMPLETED: ["CONFIRMED", "NO_SHOW"],
  NO_SHOW: ["CONFIRMED", "COMPLETED"],
};

export type AdminBookingFacts = {
  status: BookingStatus;
  startsAt: Date;
  requiresPayment: boolean;
  priceCents: number;
  reminderSentAt: Date | null;
};

export const requiresPayment = (slot: { requiresPayment: boolean; priceCents: number }) => slot.requiresPayment && slot.priceCents > 0;

/**
 * Which admin moves a booking allows right now; the booking page shows exactly these, and
 * the moves below enforce the same rules in their conditional UPDATEs.
 */
export function allowedAdminActions(b: AdminBookingFacts, now: Date) {
  const started = b.startsAt <= now;
  return {
    confirm: (b.status === "PENDING_PAYMENT" || b.status === "EXPIRED") && !requiresPayment(b),
    /** Mark confirmed on a paid slot: paid outside the app or fee waived (lib/payments/admin-settlement). */
    settle: (b.status === "PENDING_PAYMENT" || b.status === "EXPIRED") && requiresPayment(b),
    complete: started && MEETING_RESULT_FROM.COMPLETED.includes(b.status),
    noShow: started && MEETING_RESULT_FROM.NO_SHOW.includes(b.status),
    remind: b.status === "CONFIRMED" && !started && !b.reminderSentAt,
  };
}

async function currentStatus(tx: Tx, bookingId: string): Promise<BookingStatus> {
  const booking = await tx.booking.findUnique({ where: { id: bookingId }, select: { status: true } });
  if (!booking) throw new AppError("not_found", "Booking not found.");
  return booking.status;
}

/**
 * Confirms a booking on a free slot (paid slots confirm themselves when the visitor pays).
 * A lapsed hold is revived when nobody else took the slot meanwhile. Buffers and caps do not
 * stop the admin (ADR 105): the move goes through, and `warnings` names each rule it breaks,
 * also kept in the audit entry, so the override is explicit and on record.
 */
export async function adminConfirmBooking(actor: AuditActor, bookingId: string, now = new Date()): Promise<{ warnings: string[] }> {
  const db = await getDb();
  const booking = await db.booking.findUnique({ where: { id: bookingId }, include: { slot: true } });
  if (!booking) throw new AppError("not_found", "Booking not found.");
  if (requiresPayment(booking.slot)) {
    throw new AppError("invalid_transition", "This slot requires payment: mark it paid outside the app or the fee waived to confirm it.");
  }
  const link = await meetingLinkFor(meetingRequestFor(booking));
  const s = await settings(db);
  try {
    return await db.$transaction(async (tx) => {
      const before = await currentStatus(tx, bookingId);
      const outcome = await confirmBooking(tx, bookingId, { now, meetingUrl: link.url, meetingExternalId: link.externalId });
      if (outcome !== "confirmed") {
        throw new AppError("invalid_transition", `This booking is ${ADMIN_STATUS_LABEL[before]} and cannot be confirmed.`);
      }
      const warnings = (await bookingRuleBreaches([bookingId], s, now, tx)).get(bookingId) ?? [];
      await recordAudit(tx, actor, {
        action: "booking.confirm",
        entityType: "booking",
        entityId: bookingId,
        bookingId,
        before: { status: before },
        after: { status: "CONFIRMED", meetingUrl: link.url, ...(warnings.length > 0 ? { rulesOverridden: warnings } : {}) },
      });
      return { warnings };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("slot_taken", "Someone else has booked this slot since the hold lapsed.");
    throw error;
  }
}

export type MeetingResult = "COMPLETED" | "NO_SHOW";

/**
 * Records how a confirmed meeting went. Only once it has started (a future booking must
 * keep its slot), and a mistaken completed/no-show can be corrected either way.
 */
export async function adminRecordMeetingResult(
  actor: AuditActor,
  bookingId: string,
  result: MeetingResult,
  now = new Date(),
): Promise<void> {
  const db = await getDb();
  const from = MEETING_RESULT_FROM[result];
  const before = await db.$transaction(async (tx) => {
    const before = await currentStatus(tx, bookingId);
    const updated = await tx.booking.updateMany({
      where: { id: bookingId, status: { in: from }, slot: { startsAt: { lte: now } } },
      data: { status: result, completedAt: result === "COMPLETED" ? now : null },
    });
    if (updated.count === 0) {
      if (before === result) throw new AppError("invalid_transition", `This booking is already ${ADMIN_STATUS_LABEL[result]}.`);
      if (from.includes(before)) throw new AppError("invalid_transition", "The meeting has not started yet.");
      throw new AppError("invalid_transition", `This booking is ${ADMIN_STATUS_LABEL[before]}; only confirmed meetings can be marked.`);
    }
    await recordAudit(tx, actor, {
      action: result === "COMPLETED" ? "booking.mark_completed" : "booking.mark_no_show",
      entityType: "booking",
      entityId: bookingId,
      bookingId,
      before: { status: before },
      after: { status: result },
    });
    return before;
  });
  log("info", result === "COMPLETED" ? "booking.completed" : "booking.no_show", { bookingId, from: before, outcome: "changed" });
}

/** Records whether the consultation turned into a project (any booking status). */
export async function adminRecordProjectOutcome(
  actor: AuditActor,
  bookingId: string,
  outcome: { projectOutcome: ProjectOutcome; projectNotes: string | null },
): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    // Row lock: two admins saving at once each log the value they actually replaced.
    const rows = await tx.$queryRaw<{ projectOutcome: ProjectOutcome | null; projectNotes: string | null }[]>`
      SELECT "projectOutcome", "projectNotes" FROM "Booking" WHERE "id" = ${bookingId} FOR UPDATE`;
    const before = rows[0];
    if (!before) throw new AppError("not_found", "Booking not found.");
    await tx.booking.update({ where: { id: bookingId }, data: outcome });
    await recordAudit(tx, actor, {
      action: "booking.project_outcome",
      entityType: "booking",
      entityId: bookingId,
      bookingId,
      before,
      after: outcome,
    });
  });
  // The outcome only: the notes are free text and stay in the database.
  log("info", "booking.project_outcome", { bookingId, projectOutcome: outcome.projectOutcome });
}

/**
 * Revokes the visitor's manage link (every copy sent so far stops working) and queues an
 * email with the new one, audited, all in one transaction. For a leaked or forwarded link.
 */
export async function adminReissueManageLink(actor: AuditActor, bookingId: string, now = new Date()): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const booking = await tx.booking.findUnique({
      where: { id: bookingId },
      select: {
        status: true,
        email: true,
        manageTokenHash: true,
        manageTokenVersion: true,
        slot: { select: { startsAt: true, durationMinutes: true } },
      },
    });
    if (!booking) throw new AppError("not_found", "Booking not found.");
    const ended = addMinutes(booking.slot.startsAt, booking.slot.durationMinutes) <= now;
    if (booking.status !== "CONFIRMED" || !booking.manageTokenHash || ended) {
      throw new AppError("invalid_transition", "Only a confirmed booking whose meeting is still ahead has a manage link to replace.");
    }
    const version = await rotateManageTokenFrom(tx, bookingId, booking.manageTokenVersion);
    if (version === null) throw new AppError("conflict", "The link was just replaced. Reload the page to see the latest state.");
    // The snapshot derives the new link from the new version; the token itself is never stored.
    await enqueueEmail(tx, {
      kind: "manage_link_reissued",
      bookingId,
      to: booking.email,
      payload: await bookingEmailSnapshot(tx, bookingId),
      discriminator: version,
    });
    await recordAudit(tx, actor, {
      action: "booking.reissue_manage_link",
      entityType: "booking",
      entityId: bookingId,
      bookingId,
      before: { manageTokenVersion: booking.manageTokenVersion },
      after: { manageTokenVersion: version, email: "manage_link_reissued queued" },
    });
  });
  log("info", "booking.manage_link_reissued", { bookingId });
}
