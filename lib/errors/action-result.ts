import type { AppErrorCode, FieldErrors } from "./app-error";

// The one result contract of server actions (visitor, manage, admin) and, as `{ error }`, of
// route handlers' JSON errors. Client-safe: components import these types. The server-side
// mapper from a thrown value is lib/http/action-failure.ts.

export type ActionFailure = {
  ok: false;
  code: AppErrorCode | "internal_error";
  /** Safe to show: an AppError's message, or the generic one below. */
  message: string;
  fieldErrors?: FieldErrors;
  retryAfterSeconds?: number;
};

export type ActionResult<Success extends object = { message: string }> = ({ ok: true } & Success) | ActionFailure;

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";
