import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { ActionFailure } from "@/lib/errors/action-result";
import { appErrorFailure, toActionFailure, validationFailure } from "./action-failure";
import { JSON_BODY_LIMIT_BYTES, readBodyText } from "./read-body";

/** The JSON error body: the shared ActionFailure minus the action-only fields. */
function errorBody({ code, message, fieldErrors }: ActionFailure) {
  return { error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } };
}

export function jsonError(error: AppError): NextResponse {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers["Retry-After"] = String(error.retryAfterSeconds);
  return NextResponse.json(errorBody(appErrorFailure(error)), { status: error.status, headers });
}

export function validationError(error: ZodError): NextResponse {
  return jsonError(validationFailure(error));
}

/** Maps any thrown value to a safe JSON response; unexpected errors are logged, not shown. */
export function errorResponse(error: unknown, context: string): NextResponse {
  if (isAppError(error)) return jsonError(error);
  if (error instanceof ZodError) return validationError(error);
  return NextResponse.json(errorBody(toActionFailure(error, context, { event: "request.failed" })), { status: 500 });
}

/** Reads a JSON body (413 past 64 kB), answering 400 for anything that is not a JSON object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const text = await readBodyText(request, JSON_BODY_LIMIT_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body must be valid JSON.");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new AppError("bad_request", "The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}
