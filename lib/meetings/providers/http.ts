import "server-only";
import { outboundRequest, readJsonOrNull, type OutboundInit } from "@/lib/http/outbound";

// The small HTTP layer the meeting APIs share: JSON/form calls with a timeout, typed
// errors that never carry the vendor's response body, and a per-process token cache.

const TIMEOUT_MS = 5_000;

export class MeetingProviderError extends Error {
  readonly status: number | null;
  constructor(provider: string, message: string, options: { status?: number | null; cause?: unknown } = {}) {
    super(`${provider}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "MeetingProviderError";
    this.status = options.status ?? null;
  }
}

export type HttpResult = { status: number; body: unknown };

export async function callJson(provider: string, url: string, init: OutboundInit): Promise<HttpResult> {
  let response: Response;
  try {
    response = await fetch(url, outboundRequest(init, "POST", AbortSignal.timeout(TIMEOUT_MS)));
  } catch (cause) {
    throw new MeetingProviderError(provider, "request failed", { cause });
  }
  return { status: response.status, body: await readJsonOrNull(response) };
}

/** Like callJson, but any status outside 2xx is an error. */
export async function expectJson(
  provider: string,
  what: string,
  url: string,
  init: Parameters<typeof callJson>[2],
): Promise<Record<string, unknown>> {
  const result = await callJson(provider, url, init);
  if (result.status < 200 || result.status >= 300) {
    throw new MeetingProviderError(provider, `${what} answered HTTP ${result.status}`, { status: result.status });
  }
  if (!result.body || typeof result.body !== "object") throw new MeetingProviderError(provider, `${what} answered without JSON`);
  return result.body as Record<string, unknown>;
}

export function stringField(provider: string, body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value === "string" && value.length > 0) return value;
  if (typeof value === "number") return String(value);
  throw new MeetingProviderError(provider, `response has no ${field}`);
}

type CachedToken = { token: string; expiresAt: number };
const tokens = new Map<string, CachedToken>();

/** Reuses an access token until a minute before it expires. */
export async function cachedToken(key: string, fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>): Promise<string> {
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.token;
  const fresh = await fetchToken();
  tokens.set(key, { token: fresh.token, expiresAt: Date.now() + Math.max(0, fresh.expiresInSeconds - 60) * 1000 });
  return fresh.token;
}

/** Reads a token endpoint's standard OAuth answer. */
export function oauthToken(provider: string, body: Record<string, unknown>): { token: string; expiresInSeconds: number } {
  const expires = Number(body.expires_in ?? 3600);
  return { token: stringField(provider, body, "access_token"), expiresInSeconds: Number.isFinite(expires) ? expires : 3600 };
}

export function clearTokenCacheForTests(): void {
  tokens.clear();
}
