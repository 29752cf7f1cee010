import "server-only";
import type { FieldErrors } from "@/lib/errors/app-error";
import type { ActionFailure } from "@/lib/errors/action-result";
import { toActionFailure } from "@/lib/http/action-failure";

// What the visitor's server actions return when they do not redirect: the shared
// ActionFailure (lib/errors/action-result.ts), mapped by the shared toActionFailure.

export function actionFailure(error: unknown, context: string): ActionFailure {
  return toActionFailure(error, context);
}

export function invalidInput(fieldErrors: FieldErrors): ActionFailure {
  return { ok: false, code: "validation_failed", message: "Some fields need attention.", fieldErrors };
}
