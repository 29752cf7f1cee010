// Typed domain errors. Each carries a code, an HTTP status and a message that is safe to
// show a visitor. Anything else that escapes to a route is logged and shown as a generic
// failure: clients never see stack traces or vendor messages.

export type AppErrorCode =
  | "bad_request"
  | "validation_failed"
  | "not_found"
  | "slot_unavailable"
  | "slot_taken"
  | "hold_expired"
  | "invalid_transition"
  | "rate_limited"
  | "payment_failed"
  | "payment_provider_unavailable"
  | "payment_mismatch"
  | "refund_not_allowed"
  | "reschedule_not_allowed"
  | "unauthorized"
  | "forbidden"
  | "conflict"
  | "payload_too_large"
  | "misconfigured";

const STATUS: Record<AppErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  not_found: 404,
  slot_unavailable: 409,
  slot_taken: 409,
  hold_expired: 409,
  invalid_transition: 409,
  rate_limited: 429,
  payment_failed: 402,
  payment_provider_unavailable: 503,
  payment_mismatch: 409,
  refund_not_allowed: 409,
  reschedule_not_allowed: 409,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  payload_too_large: 413,
  misconfigured: 500,
};

export type FieldErrors = Record<string, string[] | undefined>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { fieldErrors?: FieldErrors; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export const SLOT_TAKEN_MESSAGE = "Sorry, that time was just taken. Please pick another time.";
