import "server-only";
import type { z } from "zod";
import { outboundRequest, readJsonOrNull, type OutboundInit } from "@/lib/http/outbound";
import { withTimeout } from "@/lib/timeout";
import { CalendarAuthError, CalendarUnavailableError } from "../provider";

// The one HTTP path of the Google and Microsoft calendar clients: every call has a deadline,
// and failures become the two calendar errors. Messages name the call and the status, never
// a token or the vendor's body (which can echo what we sent).

export const DEFAULT_TIMEOUT_MS = 10_000;

export type HttpInit = OutboundInit & { timeoutMs?: number };
export type HttpAnswer = { status: number; body: unknown };

export async function httpCall(what: string, url: string, init: HttpInit = {}): Promise<HttpAnswer> {
  const controller = new AbortController();
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const work = (async () => {
    let response: Response;
    try {
      response = await fetch(url, { ...outboundRequest(init, "GET", controller.signal), redirect: "error" });
    } catch (cause) {
      throw new CalendarUnavailableError(`${what}: request failed`, { cause });
    }
    return { status: response.status, body: await readJsonOrNull(response) };
  })();
  return withTimeout(work, timeoutMs, () => {
    controller.abort();
    return new CalendarUnavailableError(`${what}: no answer within ${timeoutMs} ms`);
  });
}

/** The answer's body parsed by its wire schema; anything else is a provider failure. */
export function parseAnswer<T>(what: string, schema: z.ZodType<T>, answer: HttpAnswer): T {
  const result = schema.safeParse(answer.body);
  if (!result.success) throw new CalendarUnavailableError(`${what}: unexpected answer`);
  return result.data;
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
