"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isAppError } from "@/lib/errors/app-error";
import { clientIp } from "@/lib/http/client-context";
import { errorDetail, log } from "@/lib/log";
import { cancelViaManageLink, limitManageRequests, rescheduleViaManageLink } from "@/lib/self-service/manage-booking";

export type ManageActionState = { ok: boolean; message: string } | null;

const tokenSchema = z.string().min(1).max(100);
const rescheduleSchema = z.object({ token: tokenSchema, slotId: z.uuid("Please pick a new time.") });

function failure(error: unknown, context: string): ManageActionState {
  if (isAppError(error)) return { ok: false, message: error.message };
  log("error", "manage.action_failed", { context, error: errorDetail(error) });
  return { ok: false, message: "Something went wrong on our side. Please try again." };
}

export async function cancelBookingAction(_prev: ManageActionState, form: FormData): Promise<ManageActionState> {
  const token = tokenSchema.safeParse(form.get("token"));
  if (!token.success) return { ok: false, message: "This link is not valid." };
  try {
    await limitManageRequests(await clientIp());
    const result = await cancelViaManageLink(token.data);
    revalidatePath(`/booking/${token.data}`);
    return { ok: true, message: result.outcome === "already_cancelled" ? "This booking was already cancelled." : "Your booking is cancelled." };
  } catch (error) {
    return failure(error, "cancel");
  }
}

export async function rescheduleBookingAction(_prev: ManageActionState, form: FormData): Promise<ManageActionState> {
  const parsed = rescheduleSchema.safeParse({ token: form.get("token"), slotId: form.get("slotId") });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Please pick a new time." };
  try {
    await limitManageRequests(await clientIp());
    await rescheduleViaManageLink(parsed.data.token, parsed.data.slotId);
    revalidatePath(`/booking/${parsed.data.token}`);
    return { ok: true, message: "Your booking has moved. We have emailed you an updated invitation." };
  } catch (error) {
    return failure(error, "reschedule");
  }
}
