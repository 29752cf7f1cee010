import "server-only";
import { addMinutes } from "date-fns";
import type { Tx } from "@/lib/db";
import { settings } from "@/lib/settings/settings";
import { bookingRules, hasCrossBookingRules, ruleLockKeys, ruleRefusal } from "./rules";
import { firstBrokenRule, ruleColumnsSql, takeRuleLocks, type RuleColumns } from "./rules-sql";

// A hold that lapsed stopped counting against the buffers and caps, so others may have taken
// its day's last place (or the time next to it) before its payment arrived. Confirming it
// then is a new claim like any hold: it takes the rules' locks and is checked against the
// current rules (ADR 104), and a late payment that would break one is returned like one whose
// slot was taken. A hold still live when paid held its place all along and is not re-checked.

/** The visitor's message for the rule a late confirmation would break; null when it may confirm. */
export async function lateRevivalRefusal(tx: Tx, bookingId: string, now: Date): Promise<string | null> {
  const booking = await tx.booking.findUnique({
    where: { id: bookingId },
    select: { status: true, holdExpiresAt: true, email: true, slot: { select: { id: true, startsAt: true, durationMinutes: true } } },
  });
  if (!booking) return null;
  const lapsed =
    booking.status === "EXPIRED" || (booking.status === "PENDING_PAYMENT" && !!booking.holdExpiresAt && booking.holdExpiresAt <= now);
  if (!lapsed) return null;
  const rules = bookingRules(await settings(tx));
  if (!hasCrossBookingRules(rules)) return null;
  const { slot } = booking;
  await takeRuleLocks(
    tx,
    ruleLockKeys(rules, { startsAt: slot.startsAt, endsAt: addMinutes(slot.startsAt, slot.durationMinutes) }, booking.email),
  );
  const [row] = await tx.$queryRaw<RuleColumns[]>`
    SELECT ${ruleColumnsSql(rules, { now, excludeBookingId: bookingId }, booking.email)} FROM "Slot" s WHERE s."id" = ${slot.id}::uuid`;
  const broken = row ? firstBrokenRule(row) : null;
  return broken ? ruleRefusal(broken, rules) : null;
}
