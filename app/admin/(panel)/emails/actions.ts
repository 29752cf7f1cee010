"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/app/admin/_lib/admin-action";
import { resendFailedEmail } from "@/lib/admin/email-outbox";

export const resendEmailAction = adminAction(
  "email.resend",
  z.object({ emailId: z.uuid("Unknown email.") }),
  async (actor, { emailId }) => {
    await resendFailedEmail(actor, emailId);
    revalidatePath("/admin/emails", "layout");
    return "Queued to send again.";
  },
);
