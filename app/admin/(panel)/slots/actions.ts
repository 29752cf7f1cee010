"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/app/admin/_lib/admin-action";
import {
  bulkGenerateSlots,
  bulkSlotsSchema,
  createSlot,
  deleteSlot,
  setSlotAvailability,
  slotInputSchema,
  updateSlot,
} from "@/lib/booking/slot-admin";
import { settings } from "@/lib/settings/settings";

const slotId = z.object({ slotId: z.uuid("Unknown slot.") });

export const createSlotAction = adminAction("slot.create", slotInputSchema, async (actor, input) => {
  const { hiddenBecause } = await createSlot(actor, input, (await settings()).BUSINESS_TIME_ZONE);
  revalidatePath("/admin/slots");
  return hiddenBecause ? `Slot created. ${hiddenBecause}` : "Slot created.";
});

export const updateSlotAction = adminAction("slot.update", slotInputSchema.and(slotId), async (actor, input) => {
  await updateSlot(actor, input.slotId, input, (await settings()).BUSINESS_TIME_ZONE);
  revalidatePath("/admin/slots", "layout");
  return "Slot saved.";
});

export const deleteSlotAction = adminAction("slot.delete", slotId, async (actor, { slotId }) => {
  await deleteSlot(actor, slotId);
  revalidatePath("/admin/slots", "layout");
  redirect("/admin/slots?deleted=1");
});

export const setSlotAvailabilityAction = adminAction(
  "slot.availability",
  slotId.extend({ isAvailable: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async (actor, { slotId, isAvailable }) => {
    await setSlotAvailability(actor, slotId, isAvailable);
    revalidatePath("/admin/slots", "layout");
    return isAvailable ? "Slot opened for booking." : "Slot closed for booking.";
  },
);

export const bulkGenerateSlotsAction = adminAction("slot.bulk_generate", bulkSlotsSchema, async (actor, input) => {
  const result = await bulkGenerateSlots(actor, input, (await settings()).BUSINESS_TIME_ZONE);
  revalidatePath("/admin/slots");
  const hidden = result.hidden.map((h) => ` ${h.count} hidden from visitors: ${h.explanation}`).join("");
  return `Created ${result.created} slots; ${result.existing} already existed or overlapped and were skipped.${hidden}`;
});
