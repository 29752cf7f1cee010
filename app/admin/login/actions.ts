"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { AdminActionResult } from "@/app/admin/_lib/action-state";
import { adminFailure, formDataToObject } from "@/app/admin/_lib/admin-action";
import { signInAdmin } from "@/lib/auth/login";
import { clientIp } from "@/lib/http/client-context";

// The one public admin action (it is how a session starts). It is rate-limited per IP in
// Postgres and answers unknown users and wrong passwords with the same message.

const loginSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email("Enter your email address.")),
  password: z.string().min(1, "Enter your password.").max(128, "That password is too long."),
  next: z.string().optional(),
});

/** Only paths inside the admin are followed after signing in (no open redirect). */
function safeNext(next: string | undefined): string {
  return next && /^\/admin(\/[A-Za-z0-9_\-/]*)?(\?[^\s]*)?$/.test(next) && !next.startsWith("/admin/login") ? next : "/admin";
}

export async function login(_previous: AdminActionResult | undefined, formData: FormData): Promise<AdminActionResult> {
  const parsed = loginSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    return {
      ok: false,
      code: "validation_failed",
      message: "Enter your email and password.",
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
    };
  }
  try {
    await signInAdmin(parsed.data, await clientIp());
  } catch (error) {
    return adminFailure(error, "admin.login");
  }
  redirect(safeNext(parsed.data.next));
}
