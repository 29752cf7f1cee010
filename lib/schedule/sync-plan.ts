import type { PlannedSlot } from "@/lib/booking/slot-generator";
import { isLiveBooking } from "@/lib/status/booking-status";

// What a sync would do, from the planned slots and the future slots that exist: pure, so the
// admin's preview and the sync itself decide the same way (ADR 108).

export type ExistingSlot = {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  priceCents: number;
  currency: string;
  requiresPayment: boolean;
  methods: string[];
  source: "MANUAL" | "SCHEDULE";
  isAvailable: boolean;
  closedBySchedule: boolean;
  bookings: { id: string; name: string; status: string }[];
};

export type KeptSlot = { slotId: string; startsAt: Date; bookingId: string; name: string; status: string };

export type SyncPlan = {
  create: PlannedSlot[];
  /** Planned slots that overlap a slot that stays (manual, booked, or closed with history). */
  blocked: PlannedSlot[];
  update: { id: string; data: Pick<PlannedSlot, "priceCents" | "currency" | "requiresPayment" | "methods"> }[];
  reopen: string[];
  /** Free schedule slots that no longer fit and were never booked. */
  remove: string[];
  /** Free schedule slots that no longer fit but have booking history: closed, never deleted. */
  close: string[];
  /** Schedule slots with a live booking that no longer fit: kept as they are. */
  kept: KeptSlot[];
};

const endOf = (s: { startsAt: Date; durationMinutes: number }) => s.startsAt.getTime() + s.durationMinutes * 60_000;
const overlaps = (a: { startsAt: Date; durationMinutes: number }, b: { startsAt: Date; durationMinutes: number }) =>
  a.startsAt.getTime() < endOf(b) && b.startsAt.getTime() < endOf(a);
const sameTerms = (a: Pick<PlannedSlot, "priceCents" | "currency" | "requiresPayment" | "methods">, b: ExistingSlot) =>
  a.priceCents === b.priceCents &&
  a.currency === b.currency &&
  a.requiresPayment === b.requiresPayment &&
  a.methods.length === b.methods.length &&
  a.methods.every((m, i) => b.methods[i] === m);

export function liveBookingOf(slot: Pick<ExistingSlot, "bookings">) {
  return slot.bookings.find((b) => isLiveBooking(b.status)) ?? null;
}

/** A schedule slot fits when the plan has a slot at its start with its length. */
export function planSync(planned: PlannedSlot[], existing: ExistingSlot[]): SyncPlan {
  const plannedByStart = new Map(planned.map((p) => [p.startsAt.getTime(), p]));
  const covered = new Set<number>();
  const stays: ExistingSlot[] = [];
  const plan: SyncPlan = { create: [], blocked: [], update: [], reopen: [], remove: [], close: [], kept: [] };

  for (const slot of existing) {
    if (slot.source === "MANUAL") {
      stays.push(slot);
      continue;
    }
    const live = liveBookingOf(slot);
    const match = plannedByStart.get(slot.startsAt.getTime());
    if (match && match.durationMinutes === slot.durationMinutes) {
      covered.add(slot.startsAt.getTime());
      stays.push(slot);
      // A live booking keeps the terms it was made on.
      if (!live && !sameTerms(match, slot)) {
        const { priceCents, currency, requiresPayment, methods } = match;
        plan.update.push({ id: slot.id, data: { priceCents, currency, requiresPayment, methods } });
      }
      if (!slot.isAvailable && slot.closedBySchedule) plan.reopen.push(slot.id);
      continue;
    }
    if (live) {
      plan.kept.push({ slotId: slot.id, startsAt: slot.startsAt, bookingId: live.id, name: live.name, status: live.status });
      stays.push(slot);
    } else if (slot.bookings.length === 0) {
      plan.remove.push(slot.id);
    } else {
      if (slot.isAvailable) plan.close.push(slot.id);
      stays.push(slot);
    }
  }

  for (const p of planned) {
    if (covered.has(p.startsAt.getTime())) continue;
    if (stays.some((s) => overlaps(s, p))) plan.blocked.push(p);
    else plan.create.push(p);
  }
  return plan;
}
