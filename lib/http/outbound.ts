import "server-only";

// Calls from this server to a vendor's JSON API (meeting links, calendars): the request's
// JSON or form body, and its answer read as JSON or null (vendors answer errors in HTML too).

export type OutboundInit = { method?: string; headers?: Record<string, string>; json?: unknown; form?: Record<string, string> };

export function outboundRequest(init: OutboundInit, defaultMethod: string, signal: AbortSignal): RequestInit {
  const headers: Record<string, string> = { accept: "application/json", ...init.headers };
  let body: string | undefined;
  if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  }
  return { method: init.method ?? defaultMethod, headers, body, signal };
}

export async function readJsonOrNull(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => "");
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
