import { AppError } from "@/lib/errors/app-error";
import { isCalendarDate, isCalendarMonth, isValidTimeZone } from "@/lib/time-zones";

// The query parameters of the public slot routes, refused with a 400 that says what is expected.

/** A required or optional YYYY-MM-DD parameter. */
export function dateParam(params: URLSearchParams, name: string, required: true): string;
export function dateParam(params: URLSearchParams, name: string, required?: false): string | undefined;
export function dateParam(params: URLSearchParams, name: string, required = false): string | undefined {
  const value = params.get(name);
  if (value === null && !required) return undefined;
  if (value === null || !isCalendarDate(value)) {
    throw new AppError("bad_request", `Query parameter ${name} must be a real calendar date in the form YYYY-MM-DD.`);
  }
  return value;
}

/** The required month=YYYY-MM. */
export function monthParam(params: URLSearchParams): string {
  const value = params.get("month") ?? "";
  if (!isCalendarMonth(value)) throw new AppError("bad_request", "Query parameter month must be a calendar month in the form YYYY-MM.");
  return value;
}

/** The optional tz= the dates are grouped in (an IANA zone); absent means the business zone. */
export function zoneParam(params: URLSearchParams): string | undefined {
  const value = params.get("tz");
  if (value === null) return undefined;
  if (!isValidTimeZone(value)) throw new AppError("bad_request", "Query parameter tz must be an IANA time zone such as Europe/London.");
  return value;
}
