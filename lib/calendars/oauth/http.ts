import "server-only";
import { withTimeout } from "@/lib/timeout";
import { CalendarAuthError, CalendarUnavailableError } from "../provider";

// The one HTTP path of the Google and Microsoft calendar clients: every call has a deadline,
// and failures become the two calendar errors. Messages name the call and the status, never
// a token or the vendor's body (which can echo what we sent).

export const DEFAULT_TIMEOUT_MS = 10_000;

export type HttpInit = {
  method?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  timeoutMs?: number;
};
export type HttpAnswer = { status: number; body: unknown };

export async function httpCall(what: string, url: string, init: HttpInit = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  let body: string | undefined;
  if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  }
  const controller = new AbortController();
  const work = (async () => {
    let response: Response;
    try {
      response = await fetch(url, { method: init.method ?? "GET", headers, body, signal: controller.signal, redirect: "error" });
    } catch (cause) {
      throw new CalendarUnavailableError(`${what}: request failed`, { cause });
    }
    const text = await response.text().catch(() => "");
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed };
  })();
  return withTimeout(work, init.timeoutMs ?? DEFAULT_TIMEOUT_MS, () => {
    controller.abort();
    return new CalendarUnavailableError(`${what}: no answer within ${init.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`);
  });
}

export const isSuccess = (answer: HttpAnswer) => answer.status >= 200 && answer.status < 300;

/**
 * The error for a status that is not success and not handled by the caller: a refused
 * token or permission needs the admin; anything else (throttling, 5xx, surprises) is retried.
 */
export function statusError(what: string, answer: HttpAnswer, options: { authStatuses?: number[] } = {}): Error {
  const message = `${what}: answered HTTP ${answer.status}`;
  if ((options.authStatuses ?? [401]).includes(answer.status)) return new CalendarAuthError(message);
  return new CalendarUnavailableError(message);
}
