"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/lib/errors/action-result";
import { toActionFailure } from "@/lib/http/action-failure";
import { clientIp } from "@/lib/http/client-context";
import { releaseSentence } from "@/lib/status/fee-timing";
import { cancelViaManageLink, limitManageRequests, rescheduleViaManageLink } from "@/lib/self-service/manage-booking";

/** null before the first submit. */
export type ManageActionState = ActionResult | null;

const tokenSchema = z.string().min(1).max(100);
const rescheduleSchema = z.object({ token: tokenSchema, slotId: z.uuid("Please pick a new time.") });

const failure = (error: unknown, context: string) => toActionFailure(error, context, { event: "manage.action_failed" });

export async function cancelBookingAction(_prev: ManageActionState, form: FormData): Promise<ManageActionState> {
  const token = tokenSchema.safeParse(form.get("token"));
  if (!token.success) return { ok: false, code: "bad_request", message: "This link is not valid." };
  try {
    await limitManageRequests(await clientIp());
    const result = await cancelViaManageLink(token.data);
    revalidatePath(`/booking/${token.data}`);
    if (result.outcome === "already_cancelled") return { ok: true, message: "This booking was already cancelled." };
    return {
      ok: true,
      message: result.released ? `Your booking is cancelled. ${releaseSentence("released")}` : "Your booking is cancelled.",
    };
  } catch (error) {
    return failure(error, "cancel");
  }
}

export async function rescheduleBookingAction(_prev: ManageActionState, form: FormData): Promise<ManageActionState> {
  const parsed = rescheduleSchema.safeParse({ token: form.get("token"), slotId: form.get("slotId") });
  if (!parsed.success)
    return { ok: false, code: "validation_failed", message: parsed.error.issues[0]?.message ?? "Please pick a new time." };
  try {
    await limitManageRequests(await clientIp());
    await rescheduleViaManageLink(parsed.data.token, parsed.data.slotId);
    revalidatePath(`/booking/${parsed.data.token}`);
    return { ok: true, message: "Your booking has moved. We have emailed you an updated invitation." };
  } catch (error) {
    return failure(error, "reschedule");
  }
}
