import "server-only";
import { getDb, type DbOrTx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import type { Settings } from "@/lib/settings/settings";
import { formatInZone } from "@/lib/time-zones";
import { bookingRules, localDayLabel, meetingGap, plural, type BookingRules } from "./rules";
import { bufferNeighbourSql, emailCountSql, periodCountSql, SETTLED_IN } from "./rules-sql";

// Rules apply to new claims only: a booking made before a rule was tightened stays valid.
// The admin still sees which upcoming live bookings the current rules would refuse now,
// counted with the same SQL the hold uses (rules-sql.ts), so "would break" means exactly
// "a hold like it would be refused today" (ADR 105).

type Row = { id: string; startsAt: Date; email: string; dayOthers: number; weekOthers: number; emailTotal: number; neighbour: Date | null };

export function breachMessages(row: Row, r: BookingRules): string[] {
  const out: string[] = [];
  if (r.dayCap > 0 && row.dayOthers >= r.dayCap) {
    out.push(
      `${plural(row.dayOthers + 1, "booking")} on ${localDayLabel(row.startsAt, r.timeZone)}; the daily cap is ${r.dayCap} (MAX_BOOKINGS_PER_DAY).`,
    );
  }
  if (r.weekCap > 0 && row.weekOthers >= r.weekCap) {
    out.push(`${plural(row.weekOthers + 1, "booking")} in that week; the weekly cap is ${r.weekCap} (MAX_BOOKINGS_PER_WEEK).`);
  }
  if (row.neighbour) {
    out.push(
      `Within ${meetingGap(r)} minutes of another booking at ${formatInZone(row.neighbour, r.timeZone, "EEE d MMM, HH:mm")} (BUFFER_BEFORE_MINUTES, BUFFER_AFTER_MINUTES).`,
    );
  }
  if (r.emailCap > 0 && row.emailTotal > r.emailCap) {
    out.push(`${row.email} has ${plural(row.emailTotal, "upcoming booking")}; the cap is ${r.emailCap} (MAX_ACTIVE_BOOKINGS_PER_EMAIL).`);
  }
  return out;
}

/** For these bookings, what each upcoming live one breaks under the current rules (absent = nothing). */
export async function bookingRuleBreaches(
  bookingIds: readonly string[],
  s: Settings,
  now: Date,
  db?: DbOrTx,
): Promise<Map<string, string[]>> {
  const r = bookingRules(s);
  if (bookingIds.length === 0 || (r.dayCap === 0 && r.weekCap === 0 && r.emailCap === 0 && meetingGap(r) === 0)) return new Map();
  const scope = { now };
  const rows = await (db ?? (await getDb())).$queryRaw<Row[]>`
    SELECT b0."id", s."startsAt", b0."email",
      ${r.dayCap > 0 ? periodCountSql(r, scope, "day") : Prisma.sql`0`} AS "dayOthers",
      ${r.weekCap > 0 ? periodCountSql(r, scope, "week") : Prisma.sql`0`} AS "weekOthers",
      ${r.emailCap > 0 ? emailCountSql(scope, Prisma.sql`b0."email"`) : Prisma.sql`0`} AS "emailTotal",
      ${bufferNeighbourSql(r, scope)} AS "neighbour"
    FROM "Booking" b0 JOIN "Slot" s ON s."id" = b0."slotId"
    WHERE b0."id" = ANY(${[...bookingIds]}::text[]) AND s."startsAt" > ${now}
      AND (b0."status" IN (${SETTLED_IN}) OR (b0."status" = 'PENDING_PAYMENT' AND b0."holdExpiresAt" > ${now}))`;
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const messages = breachMessages(row, r);
    if (messages.length > 0) out.set(row.id, messages);
  }
  return out;
}
