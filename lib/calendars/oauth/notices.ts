import type { OAuthNoticeCode } from "./connect";

// What the admin calendars page says after a connect attempt (?oauth=<code>&provider=<slug>).
// Plain data, so the page can render it without importing the flow.

const MESSAGES: Record<OAuthNoticeCode, { tone: "success" | "error"; message: (provider: string) => string }> = {
  connected: {
    tone: "success",
    message: (p) => `${p} calendar connected. Choose which calendars count as busy and where bookings are written.`,
  },
  state: { tone: "error", message: (p) => `The ${p} sign-in could not be matched to this browser or has expired. Please start again.` },
  denied: { tone: "error", message: (p) => `${p} access was not granted, so nothing was connected.` },
  refused: { tone: "error", message: (p) => `${p} refused the connection. Check the OAuth client settings and try again.` },
  unavailable: { tone: "error", message: (p) => `${p} did not answer in time. Nothing was connected; please try again.` },
  not_configured: { tone: "error", message: (p) => `${p} is not set up on this server (its client id and secret are missing).` },
  failed: { tone: "error", message: (p) => `Connecting ${p} failed. Nothing was saved; the log has the details.` },
};

const PROVIDERS: Record<string, string> = { google: "Google", microsoft: "Microsoft" };

export function oauthNotice(params: {
  oauth?: string | string[];
  provider?: string | string[];
}): { tone: "success" | "error"; message: string } | null {
  const code = typeof params.oauth === "string" ? params.oauth : undefined;
  const provider = PROVIDERS[typeof params.provider === "string" ? params.provider : ""];
  if (!code || !provider || !(code in MESSAGES)) return null;
  const entry = MESSAGES[code as OAuthNoticeCode];
  return { tone: entry.tone, message: entry.message(provider) };
}
