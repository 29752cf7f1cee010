import "server-only";
import { isAppError, type AppErrorCode, type FieldErrors } from "@/lib/errors/app-error";
import { errorDetail, log } from "@/lib/log";

// What the visitor's server actions return when they do not redirect: a code the client
// can branch on and a message that is safe to show. Unexpected errors are logged, not shown.

export type ActionFailure = {
  ok: false;
  code: AppErrorCode | "internal_error";
  message: string;
  fieldErrors?: FieldErrors;
  retryAfterSeconds?: number;
};

export function actionFailure(error: unknown, context: string): ActionFailure {
  if (isAppError(error)) {
    return {
      ok: false,
      code: error.code,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  log("error", "action.failed", { context, error: errorDetail(error) });
  return { ok: false, code: "internal_error", message: "Something went wrong on our side. Please try again." };
}

export function invalidInput(fieldErrors: FieldErrors): ActionFailure {
  return { ok: false, code: "validation_failed", message: "Some fields need attention.", fieldErrors };
}
