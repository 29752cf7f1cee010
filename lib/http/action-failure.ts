import "server-only";
import { ZodError, z } from "zod";
import type { ActionFailure } from "@/lib/errors/action-result";
import { INTERNAL_ERROR_MESSAGE } from "@/lib/errors/action-result";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { errorDetail, log } from "@/lib/log";

/** An AppError as the client sees it. */
export function appErrorFailure(error: AppError): ActionFailure {
  return {
    ok: false,
    code: error.code,
    message: error.message,
    ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  };
}

/** A failed zod parse as a validation failure (form-level messages under `_form`). */
export function validationFailure(error: ZodError): AppError {
  const flat = z.flattenError(error);
  return new AppError("validation_failed", "Some fields need attention.", {
    fieldErrors: { ...flat.fieldErrors, ...(flat.formErrors.length ? { _form: flat.formErrors } : {}) },
  });
}

/**
 * The one mapper from a thrown value to what a client may see: typed errors keep their code
 * and message; anything else is logged under `event` and answered with a generic message.
 */
export function toActionFailure(
  error: unknown,
  context: string,
  options: { event?: string; internalMessage?: string } = {},
): ActionFailure {
  if (isAppError(error)) return appErrorFailure(error);
  if (error instanceof ZodError) return appErrorFailure(validationFailure(error));
  log("error", options.event ?? "action.failed", { context, error: errorDetail(error) });
  return { ok: false, code: "internal_error", message: options.internalMessage ?? INTERNAL_ERROR_MESSAGE };
}
