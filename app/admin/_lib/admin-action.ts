import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { requireAdminPage, type AdminActor } from "@/lib/auth/require-admin";
import { toActionFailure } from "@/lib/http/action-failure";
import type { ActionState } from "./action-state";

// Builds a thin admin server action: session check first (a missing session redirects
// to the login page before anything is parsed or touched), zod parse of the form, one
// call into lib/, and a { status, message, fieldErrors } result for the form.

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

export function errorState(error: unknown, context: string): ActionState {
  const { message, fieldErrors } = toActionFailure(error, context, {
    event: "admin.action_failed",
    internalMessage: "Something went wrong on our side. Nothing was changed; please try again.",
  });
  return { status: "error", message, fieldErrors };
}

export function adminAction<S extends z.ZodType>(
  name: string,
  schema: S,
  run: (actor: AdminActor, input: z.output<S>) => Promise<ActionOutcome>,
) {
  return async (_previous: ActionState | undefined, formData: FormData): Promise<ActionState> => {
    const actor = await requireAdminPage();
    const parsed = schema.safeParse(formDataToObject(formData ?? new FormData()));
    if (!parsed.success) {
      return {
        status: "error",
        message: "Some fields need attention.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as ActionState["fieldErrors"],
      };
    }
    try {
      const outcome = await run(actor, parsed.data);
      return typeof outcome === "string" ? { status: "success", message: outcome } : { status: "success", ...outcome };
    } catch (error) {
      unstable_rethrow(error);
      return errorState(error, name);
    }
  };
}
