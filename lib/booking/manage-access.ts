import "server-only";
import { addMinutes } from "date-fns";
import { getDb, type Tx } from "@/lib/db";
import { manageToken, manageTokenHash, MANAGE_TOKEN_PATTERN } from "@/lib/links/manage-link";

/** Stores the hash of the booking's current manage token (called when it is confirmed). */
export async function activateManageToken(tx: Tx, bookingId: string): Promise<void> {
  const booking = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { manageTokenVersion: true } });
  await tx.booking.update({
    where: { id: bookingId },
    data: { manageTokenHash: manageTokenHash(manageToken(bookingId, booking.manageTokenVersion)) },
  });
}

/**
 * Revokes every link sent so far and activates the next one, if the booking is still at
 * `fromVersion` (a conditional update: of two concurrent rotations one wins). Returns the
 * new version, or null when the version had moved on.
 */
export async function rotateManageTokenFrom(tx: Tx, bookingId: string, fromVersion: number): Promise<number | null> {
  const version = fromVersion + 1;
  const { count } = await tx.booking.updateMany({
    where: { id: bookingId, manageTokenVersion: fromVersion },
    data: { manageTokenVersion: version, manageTokenHash: manageTokenHash(manageToken(bookingId, version)) },
  });
  return count === 1 ? version : null;
}

/** Revokes every link sent so far and activates a new one. */
export async function rotateManageToken(bookingId: string): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const booking = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { manageTokenVersion: true } });
    await rotateManageTokenFrom(tx, bookingId, booking.manageTokenVersion);
  });
}

export type ManagedBooking = { id: string; status: string; startsAt: Date };

/**
 * The booking behind a manage token (its id, status and start), or null for anything wrong:
 * malformed, unknown, revoked, or expired (the link stops working once the meeting has ended).
 */
export async function bookingForManageToken(token: string, now = new Date()): Promise<ManagedBooking | null> {
  if (!MANAGE_TOKEN_PATTERN.test(token)) return null;
  const db = await getDb();
  const booking = await db.booking.findUnique({
    where: { manageTokenHash: manageTokenHash(token) },
    select: { id: true, status: true, slot: { select: { startsAt: true, durationMinutes: true } } },
  });
  if (!booking) return null;
  if (addMinutes(booking.slot.startsAt, booking.slot.durationMinutes) <= now) return null;
  return { id: booking.id, status: booking.status, startsAt: booking.slot.startsAt };
}

/** The booking id behind a manage token, or null (see bookingForManageToken). */
export async function bookingIdForManageToken(token: string, now = new Date()): Promise<string | null> {
  return (await bookingForManageToken(token, now))?.id ?? null;
}
