import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { getSlot } from "@/lib/admin/slots-query";
import { settings } from "@/lib/settings/settings";
import { formatDecimalAmount } from "@/lib/format";
import { formatInZone } from "@/lib/time-zones";
import { ActionForm } from "../../../_components/action-form";
import { SlotForm } from "../../../_components/slot-form";
import { PageHeader, Section, linkClass } from "../../../_components/ui";
import { deleteSlotAction, updateSlotAction } from "../actions";

export const metadata = { title: "Edit slot" };

export default async function EditSlotPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const slot = await getSlot(id);
  if (!slot) notFound();
  const timeZone = (await settings()).BUSINESS_TIME_ZONE;
  const week = formatInZone(slot.startsAt, timeZone, "yyyy-MM-dd");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/admin/slots?week=${week}`} className={linkClass}>
          ← Back to slots
        </Link>
      </p>
      <PageHeader title={`Slot on ${formatInZone(slot.startsAt, timeZone, "EEE, MMM d, yyyy, h:mm a zzz")}`} />
      {slot.bookings.length > 0 ? (
        <p className="mb-4 rounded bg-amber-50 p-2 text-sm text-amber-900">
          This slot has a held or booked appointment, so it cannot be edited or deleted.
        </p>
      ) : null}
      <Section title="Edit">
        <SlotForm
          action={updateSlotAction}
          submitLabel="Save slot"
          timeZone={timeZone}
          slotId={slot.id}
          values={{
            date: formatInZone(slot.startsAt, timeZone, "yyyy-MM-dd"),
            time: formatInZone(slot.startsAt, timeZone, "HH:mm"),
            durationMinutes: slot.durationMinutes,
            methods: slot.methods,
            requiresPayment: slot.requiresPayment,
            amount: formatDecimalAmount(slot.priceCents),
            isAvailable: slot.isAvailable,
          }}
        />
      </Section>
      <Section title="Delete">
        <ActionForm
          action={deleteSlotAction}
          submitLabel="Delete slot…"
          variant="danger"
          confirm={{ question: "Delete this slot? This cannot be undone.", confirmLabel: "Yes, delete slot" }}
        >
          <input type="hidden" name="slotId" value={slot.id} />
        </ActionForm>
      </Section>
    </>
  );
}
