import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requireAdminPage, type AdminActor } from "@/lib/auth/require-admin";
import type { ActionFailure } from "@/lib/errors/action-result";
import { appErrorFailure, toActionFailure, validationFailure } from "@/lib/http/action-failure";
import type { AdminAction } from "./action-state";

// Builds a thin admin server action: session check first (a missing session redirects
// to the login page before anything is parsed or touched), zod parse of the form, one
// call into lib/, and the shared ActionResult for the form.

export type ActionOutcome = string | { message: string; data?: Record<string, string> };

/** FormData → plain object; repeated keys (checkbox groups) become arrays. */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** A thrown value as an admin form's failure (the shared mapper, with the admin's wording). */
export function adminFailure(error: unknown, context: string): ActionFailure {
  return toActionFailure(error, context, {
    event: "admin.action_failed",
    internalMessage: "Something went wrong on our side. Nothing was changed; please try again.",
  });
}

export function adminAction<S extends z.ZodType>(
  name: string,
  schema: S,
  run: (actor: AdminActor, input: z.output<S>) => Promise<ActionOutcome>,
) {
  const action: AdminAction = async (_previous, formData) => {
    const actor = await requireAdminPage();
    const parsed = schema.safeParse(formDataToObject(formData ?? new FormData()));
    if (!parsed.success) return appErrorFailure(validationFailure(parsed.error));
    try {
      const outcome = await run(actor, parsed.data);
      return typeof outcome === "string" ? { ok: true, message: outcome } : { ok: true, ...outcome };
    } catch (error) {
      unstable_rethrow(error);
      return adminFailure(error, name);
    }
  };
  return action;
}
