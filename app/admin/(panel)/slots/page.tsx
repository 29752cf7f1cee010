import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { slotWeek, type WeekSlot } from "@/lib/admin/slots-query";
import { BOOKING_STATUS_LABELS } from "@/lib/admin/labels";
import { DEFAULT_PLAN } from "@/lib/booking/slot-generator";
import { slotReasons, unbookableExplanation, type UnbookableReason } from "@/lib/booking/bookability";
import { settings, type Settings } from "@/lib/settings/settings";
import { MEETING_METHODS, METHOD_INFO } from "@/lib/meeting-methods";
import { formatDecimalAmount } from "@/lib/format";
import { formatInZone } from "@/lib/time-zones";
import { ActionForm } from "../../_components/action-form";
import { ChoiceGroup, Field } from "../../_components/fields";
import { SlotForm } from "../../_components/slot-form";
import { Badge, Empty, Money, PageHeader, Section, When, linkClass } from "../../_components/ui";
import { bulkGenerateSlotsAction, createSlotAction, setSlotAvailabilityAction } from "./actions";

export const metadata = { title: "Slots" };

function SlotStatus({ slot, now, reason, s }: { slot: WeekSlot; now: Date; reason: UnbookableReason | null; s: Settings }) {
  const booking = slot.bookings.find((b) => b.status !== "PENDING_PAYMENT" || (b.holdExpiresAt && b.holdExpiresAt > now));
  if (booking) {
    return (
      <Link href={`/admin/bookings/${booking.id}`} className={linkClass}>
        {BOOKING_STATUS_LABELS[booking.status]}: {booking.name}
      </Link>
    );
  }
  if (!reason) return <Badge tone="green">Open</Badge>;
  if (reason === "past") return <Badge tone="slate">Past</Badge>;
  if (reason === "closed") return <Badge tone="slate">Closed</Badge>;
  return (
    <span className="flex flex-col gap-1" data-testid="slot-hidden">
      <Badge tone="amber">Hidden from visitors</Badge>
      <span className="text-xs text-slate-700">{unbookableExplanation(reason, s)}</span>
    </span>
  );
}

export default async function SlotsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage();
  const params = await searchParams;
  const s = await settings();
  const timeZone = s.BUSINESS_TIME_ZONE;
  const now = new Date();
  const week = await slotWeek(typeof params.week === "string" ? params.week : undefined, timeZone, now);
  const reasons = await slotReasons(
    week.days.flatMap((d) => d.slots),
    s,
    now,
  );
  const allMethods = MEETING_METHODS.map((m) => ({ value: m, label: METHOD_INFO[m].label }));

  return (
    <>
      <PageHeader title="Slots">
        <p className="text-sm text-slate-700">Times in {timeZone}</p>
      </PageHeader>
      {params.deleted ? (
        <p role="status" className="mb-4 rounded bg-emerald-50 p-2 text-sm text-emerald-900">
          Slot deleted.
        </p>
      ) : null}

      <Section title={`Week of ${week.days[0]!.label}`} id="week">
        <nav aria-label="Weeks" className="mb-3 flex gap-4 text-sm">
          <Link className={linkClass} href={`/admin/slots?week=${week.previousWeek}`}>
            ← Previous week
          </Link>
          <Link className={linkClass} href="/admin/slots">
            This week
          </Link>
          <Link className={linkClass} href={`/admin/slots?week=${week.nextWeek}`}>
            Next week →
          </Link>
        </nav>
        <div className="space-y-4">
          {week.days.map((day) => (
            <div key={day.dateKey}>
              <h3 className="text-base font-semibold">{day.label}</h3>
              {day.slots.length === 0 ? (
                <Empty>No slots.</Empty>
              ) : (
                <ul className="mt-1 divide-y divide-slate-200 rounded border border-slate-200">
                  {day.slots.map((slot) => {
                    const occupied = slot.bookings.length > 0;
                    const label = formatInZone(slot.startsAt, timeZone, "EEE, MMM d, h:mm a");
                    return (
                      <li key={slot.id} className="flex flex-wrap items-center gap-3 px-2 py-2 text-sm" data-testid="slot-row">
                        <span className="w-40 font-medium">
                          <When at={slot.startsAt} timeZone={timeZone} pattern="h:mm a" />, {slot.durationMinutes} min
                        </span>
                        <span className="w-24">
                          {slot.requiresPayment ? <Money cents={slot.priceCents} currency={slot.currency} /> : "Free"}
                        </span>
                        <span className="w-56 text-slate-700">{slot.methods.map((m) => METHOD_INFO[m].label).join(", ")}</span>
                        <span className="w-56">
                          <SlotStatus slot={slot} now={now} reason={reasons.get(slot.id) ?? null} s={s} />
                        </span>
                        <ActionForm
                          action={setSlotAvailabilityAction}
                          submitLabel={slot.isAvailable ? "Close" : "Open"}
                          variant="secondary"
                          submitAriaLabel={`${slot.isAvailable ? "Close" : "Open"} slot ${label}`}
                          className="flex items-center gap-2"
                        >
                          <input type="hidden" name="slotId" value={slot.id} />
                          <input type="hidden" name="isAvailable" value={slot.isAvailable ? "false" : "true"} />
                        </ActionForm>
                        {!occupied ? (
                          <Link className={linkClass} href={`/admin/slots/${slot.id}`} aria-label={`Edit or delete slot ${label}`}>
                            Edit
                          </Link>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          ))}
        </div>
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Create a slot">
          <SlotForm
            action={createSlotAction}
            submitLabel="Create slot"
            timeZone={timeZone}
            values={{
              date: "",
              time: "09:00",
              durationMinutes: 60,
              methods: [...MEETING_METHODS],
              requiresPayment: true,
              amount: "10.00",
              isAvailable: true,
            }}
          />
        </Section>

        <Section title="Generate slots in bulk">
          <p className="mb-3 text-sm text-slate-700">
            Weekdays only, on the hour grid in {timeZone}; existing or overlapping slots are skipped. Same as{" "}
            <code>scripts/seed-slots.ts</code>.
          </p>
          <ActionForm action={bulkGenerateSlotsAction} submitLabel="Generate slots">
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Days ahead" name="days" type="number" min={1} max={365} required defaultValue={DEFAULT_PLAN.days} />
              <Field
                label="Duration (minutes)"
                name="durationMinutes"
                type="number"
                min={5}
                max={480}
                required
                defaultValue={DEFAULT_PLAN.durationMinutes}
              />
              <Field label="Start hour" name="startHour" type="number" min={0} max={23} required defaultValue={DEFAULT_PLAN.startHour} />
              <Field label="End hour" name="endHour" type="number" min={1} max={24} required defaultValue={DEFAULT_PLAN.endHour} />
              <Field
                label="Amount (USD, 0 for free)"
                name="amount"
                inputMode="decimal"
                defaultValue={formatDecimalAmount(DEFAULT_PLAN.priceCents)}
              />
            </div>
            <ChoiceGroup
              legend="Meeting methods"
              name="methods"
              type="checkbox"
              options={allMethods}
              defaultValues={[...DEFAULT_PLAN.methods]}
            />
          </ActionForm>
        </Section>
      </div>
    </>
  );
}
