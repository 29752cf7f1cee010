// The only module that reads process.env. Everything is validated with zod the first
// time it is read, and a bad value fails loudly with the variable's name.
// No `server-only` marker here: scripts import this file directly. Client code never reads
// it; the one public value (the Stripe publishable key) reaches the browser in responses.
import { z } from "zod";
import { isValidTimeZone } from "./time-zones";
import { MEETING_METHODS } from "./meeting-methods";
import { parseOriginList } from "./security/embed-origins";

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const bool = (fallback: boolean) =>
  z.preprocess((v) => {
    const s = emptyToUndefined(v);
    if (s === undefined) return fallback;
    if (typeof s === "string") return ["1", "true", "yes", "on"].includes(s.toLowerCase());
    return s;
  }, z.boolean());
const int = (fallback: number, min: number, max: number) =>
  z.preprocess((v) => emptyToUndefined(v) ?? String(fallback), z.coerce.number().int().min(min).max(max));

// A local file under public/ (served from the site root), never a remote image: "/logo.svg".
const publicImagePath = z
  .string()
  .regex(
    /^(?!.*\.\.)(?!.*\/\/)\/[A-Za-z0-9._\/-]+\.(?:svg|png|jpe?g|webp|avif|gif)$/i,
    "a path under public/ such as /logo.svg (no URL, no ..)",
  );

const methodList = z.preprocess(
  (v) => {
    const s = emptyToUndefined(v);
    if (s === undefined) return [...MEETING_METHODS];
    if (typeof s === "string")
      return [
        ...new Set(
          s
            .split(",")
            .map((m) => m.trim().toUpperCase())
            .filter(Boolean),
        ),
      ];
    return s;
  },
  z.array(z.enum(MEETING_METHODS)).min(1, "at least one of ZOOM, TEAMS, PHONE, GOOGLE_MEET"),
);

const originList = z.preprocess(
  (v) => (Array.isArray(v) ? v.join(",") : (emptyToUndefined(v) ?? "")),
  z.string().transform((s, ctx) => {
    const parsed = parseOriginList(s);
    if (parsed.ok) return parsed.origins;
    ctx.addIssue({ code: "custom", message: `not plain origins like https://www.example.com: ${parsed.invalid.join(", ")}` });
    return z.NEVER;
  }),
);

export const refundPolicySchema = z.union([
  z.literal("always"),
  z.literal("never"),
  z.string().regex(/^hours_before:\d{1,4}$/, "use always, never or hours_before:<hours>"),
]);

// The business's own settings: defaults from the environment, overridden per deployment in
// /admin/settings (lib/settings, ADR 100). One zod schema per value, used for the environment
// and for what the admin saves, so both are held to the same rules. LOCKED_SETTINGS names the
// ones operators pin to the environment.
export const SETTING_FIELDS = {
  BUSINESS_NAME: z.preprocess(emptyToUndefined, z.string().max(80).default("Northwind Consulting")),
  BUSINESS_TIME_ZONE: z.preprocess(
    emptyToUndefined,
    z.string().default("America/New_York").refine(isValidTimeZone, "unknown IANA time zone"),
  ),
  BUSINESS_PHONE: z.preprocess(emptyToUndefined, z.string().max(40).default("+1 555 010 0199")),
  // The host panel on /contact (lib/booking/host-profile.ts).
  BUSINESS_DESCRIPTION: z.preprocess(
    emptyToUndefined,
    z.string().max(400).default("A one-to-one consultation about your project: bring your questions and leave with clear next steps."),
  ),
  BUSINESS_LOGO_PATH: z.preprocess(emptyToUndefined, publicImagePath.optional()),

  // Booking rules.
  HOLD_MINUTES: int(10, 1, 120),
  MIN_NOTICE_MINUTES: int(120, 0, 60 * 24 * 14),
  BOOKING_WINDOW_DAYS: int(30, 1, 365),
  REFUND_POLICY: z.preprocess(emptyToUndefined, refundPolicySchema.default("hours_before:24")),
  RESCHEDULE_CUTOFF_HOURS: int(24, 0, 24 * 30),

  // Gaps kept free before and after each meeting (against bookings and calendar busy times).
  BUFFER_BEFORE_MINUTES: int(0, 0, 480),
  BUFFER_AFTER_MINUTES: int(0, 0, 480),
  // Caps on live bookings; 0 means no cap. Days and ISO weeks are business-local.
  MAX_BOOKINGS_PER_DAY: int(0, 0, 1000),
  MAX_BOOKINGS_PER_WEEK: int(0, 0, 5000),
  // Upcoming live bookings one visitor email may have at once.
  MAX_ACTIVE_BOOKINGS_PER_EMAIL: int(0, 0, 1000),
  // Methods the business offers (comma list of ZOOM, TEAMS, PHONE, GOOGLE_MEET); a video method
  // also needs a room URL or API credentials (lib/meetings/rooms.ts).
  MEETING_METHODS_ENABLED: methodList,
  // Meeting rooms per method. A method with no room URL (and no API credentials) is not offered.
  ZOOM_MEETING_URL: optionalUrl,
  TEAMS_MEETING_URL: optionalUrl,
  GOOGLE_MEET_URL: optionalUrl,
  // Where admin notifications go (new bookings, failures).
  ADMIN_NOTIFY_EMAIL: z.preprocess(emptyToUndefined, z.email().optional()),
  // Sites that may frame the booking widget (/embed, docs/embed.md): comma list of origins such
  // as https://www.example.com. Empty: the widget cannot be framed anywhere.
  EMBED_ALLOWED_ORIGINS: originList,
} as const;

export type SettingName = keyof typeof SETTING_FIELDS;
export const SETTING_NAMES = Object.keys(SETTING_FIELDS) as SettingName[];

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    VERCEL: optionalString,

    // Database: DATABASE_URL selects real PostgreSQL; otherwise embedded PGlite in EMBEDDED_DB_DIR.
    DATABASE_URL: optionalString,
    EMBEDDED_DB_DIR: z.preprocess(emptyToUndefined, z.string().default(".data/pglite")),

    // Unset outside production: the running server's own origin (next dev/start set PORT once
    // they have bound), so links work on any port. Required in production (configurationProblems).
    APP_URL: optionalUrl,
    ...SETTING_FIELDS,

    // Settings operators pin to the environment: comma list of names from SETTING_FIELDS, shown
    // read-only in /admin/settings and never overridden by what is stored.
    LOCKED_SETTINGS: z.preprocess(
      (v) =>
        (emptyToUndefined(v) ?? "")
          .toString()
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean),
      z.array(z.string().refine((n) => n in SETTING_FIELDS, "not a setting name (see .env.example)")),
    ),

    // Rate limits for placing holds (fixed windows, counted in Postgres).
    RATE_LIMIT_HOLDS_PER_IP: int(20, 1, 1_000_000),
    RATE_LIMIT_HOLDS_PER_EMAIL: int(5, 1, 1_000_000),
    RATE_LIMIT_WINDOW_SECONDS: int(600, 1, 86_400),
    RATE_LIMIT_MANAGE_PER_IP: int(60, 1, 1_000_000),
    RATE_LIMIT_LOGIN_PER_IP: int(10, 1, 1_000_000),
    // Failed sign-ins per account from browsers without that account's device cookie (ADR 045).
    RATE_LIMIT_LOGIN_PER_ACCOUNT: int(20, 1, 1_000_000),
    // Requests that ask Stripe about a booking (confirm-payment, payment-intent, /contact/return).
    RATE_LIMIT_PAYMENT_CHECKS_PER_IP: int(60, 1, 1_000_000),
    RATE_LIMIT_PAYMENT_CHECKS_PER_BOOKING: int(20, 1, 1_000_000),

    // Where the client's address comes from (ADR 046): vercel | none | N (the Nth address from
    // the right of X-Forwarded-For, for N trusted proxies). Default: vercel on Vercel, else none.
    TRUST_PROXY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(vercel|none|[1-9]|1[0-9]|20)$/, "use vercel, none or a number of proxies from 1 to 20")
        .optional(),
    ),
    // Listening port of `npm start` when -p is not given (as for `next start`).
    PORT: int(3000, 1, 65_535),

    // Stripe. Without both keys the app runs in demo payment mode.
    STRIPE_SECRET_KEY: optionalString,
    NEXT_PUBLIC_STRIPE_PUBLIC_KEY: optionalString,
    STRIPE_WEBHOOK_SECRET: optionalString,
    STRIPE_API_BASE_URL: optionalUrl,
    ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: bool(false),
    // Total wait on Stripe within one visitor request, SDK retries included; then 503.
    STRIPE_REQUEST_BUDGET_MS: int(8_000, 100, 60_000),

    // Email. Without RESEND_API_KEY, mail is logged and kept in the outbox for /admin/emails.
    RESEND_API_KEY: optionalString,
    RESEND_BASE_URL: optionalUrl,
    // Sends in flight at once per outbox run; keep it within the provider's rate limit.
    EMAIL_SEND_CONCURRENCY: int(4, 1, 50),
    // A send that has not answered by then is abandoned and retried later; the row's lease
    // (taken again just before its send) must outlast it, or a second worker re-sends.
    EMAIL_SEND_TIMEOUT_MS: int(10_000, 100, 300_000),
    EMAIL_LEASE_SECONDS: int(120, 1, 3600),
    EMAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("Northwind Consulting <bookings@example.com>")),
    ORGANIZER_EMAIL: z.preprocess(emptyToUndefined, z.email().default("bookings@example.com")),

    // Meeting APIs per method (the room URLs are settings, above).
    ZOOM_ACCOUNT_ID: optionalString,
    ZOOM_CLIENT_ID: optionalString,
    ZOOM_CLIENT_SECRET: optionalString,
    ZOOM_API_BASE_URL: optionalUrl,
    ZOOM_OAUTH_BASE_URL: optionalUrl,
    MS_TENANT_ID: optionalString,
    MS_CLIENT_ID: optionalString,
    MS_CLIENT_SECRET: optionalString,
    MS_ORGANIZER_USER_ID: optionalString,
    MS_GRAPH_BASE_URL: optionalUrl,
    MS_LOGIN_BASE_URL: optionalUrl,
    GOOGLE_SERVICE_ACCOUNT_EMAIL: optionalString,
    GOOGLE_SERVICE_ACCOUNT_KEY: optionalString,
    GOOGLE_CALENDAR_ID: optionalString,
    // Workspace user the service account acts for (domain-wide delegation); Meet links need it.
    GOOGLE_IMPERSONATE_USER: z.preprocess(emptyToUndefined, z.email().optional()),
    GOOGLE_API_BASE_URL: optionalUrl,
    GOOGLE_OAUTH_TOKEN_URL: optionalUrl,
    // Total wait for a provider's meeting (token and create calls); then the room URL is used.
    MEETING_LINK_BUDGET_MS: int(4_000, 100, 60_000),

    // The owner's calendars (docs/calendars.md). One CalDAV connection may come from env.
    CALDAV_URL: optionalUrl,
    CALDAV_USERNAME: optionalString,
    CALDAV_PASSWORD: optionalString,
    // Each provider call (list, busy read, event write) is abandoned after this.
    CALENDAR_PROVIDER_TIMEOUT_MS: int(10_000, 100, 120_000),
    // The admin calendar page waits at most this long for its on-demand refresh.
    CALENDAR_PAGE_REFRESH_MS: int(3_000, 0, 30_000),
    // A connection refreshed less than this ago is not read again by the job.
    CALENDAR_REFRESH_MINUTES: int(5, 1, 1440),
    // A connection failing for this long (or with an auth error at once) is broken: dashboard + one email.
    CALENDAR_FAILURE_THRESHOLD_MINUTES: int(30, 1, 10_080),
    // "hide": once a connection's last good busy read is older than CALENDAR_CACHE_MAX_AGE_MINUTES, its
    // window's slots are not offered. "keep": keep offering from the last good read however old (ADR 091).
    CALENDAR_STALE_POLICY: z.preprocess(emptyToUndefined, z.enum(["hide", "keep"]).default("hide")),
    CALENDAR_CACHE_MAX_AGE_MINUTES: int(120, 1, 100_000),
    CALENDAR_WRITE_LEASE_SECONDS: int(120, 1, 3600),
    // The owner's calendars over OAuth (docs/calendars.md). A provider can be connected in
    // admin only when both its client id and secret are set; the base URLs are for the test fakes.
    GOOGLE_CLIENT_ID: optionalString,
    GOOGLE_CLIENT_SECRET: optionalString,
    GOOGLE_OAUTH_BASE_URL: optionalUrl,
    GOOGLE_CALENDAR_BASE_URL: optionalUrl,
    MICROSOFT_CLIENT_ID: optionalString,
    MICROSOFT_CLIENT_SECRET: optionalString,
    // "common" (work and personal accounts), "organizations", "consumers" or a tenant id.
    MICROSOFT_TENANT: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9.-]{1,100}$/, "a tenant id or domain")
        .default("common"),
    ),
    MICROSOFT_LOGIN_BASE_URL: optionalUrl,
    MICROSOFT_GRAPH_BASE_URL: optionalUrl,

    // Jobs.
    CRON_SECRET: optionalString,
    SCHEDULER_ENABLED: optionalString,
    SCHEDULER_INTERVAL_SECONDS: int(120, 5, 3600),
    // How long a job run waits for each of its steps (they run side by side).
    JOB_STEP_BUDGET_SECONDS: int(30, 1, 3600),
    // The admin dashboard warns when a job has not run for this long: reminders then go out
    // early or late and failed emails wait (docs/deploying.md).
    JOB_LATE_AFTER_MINUTES: int(60, 5, 60 * 24 * 7),

    // Auth and signed links. Required in production (32+ characters, not the development
    // value); a fixed development value otherwise.
    AUTH_SECRET: optionalString,

    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(["debug", "info", "warn", "error", "silent"]).default("info")),
  })
  .refine((e) => e.EMAIL_LEASE_SECONDS * 1000 >= 2 * e.EMAIL_SEND_TIMEOUT_MS, {
    path: ["EMAIL_LEASE_SECONDS"],
    message: "must be at least twice EMAIL_SEND_TIMEOUT_MS, so a send always ends inside its lease",
  })
  .refine((e) => e.JOB_STEP_BUDGET_SECONDS * 1000 >= 3 * e.EMAIL_SEND_TIMEOUT_MS, {
    path: ["JOB_STEP_BUDGET_SECONDS"],
    message: "must be at least three times EMAIL_SEND_TIMEOUT_MS, so the outbox step can send within it",
  });

export type Env = Omit<z.infer<typeof schema>, "APP_URL"> & {
  /** Absolute origin every link, email and invite is built on. */
  APP_URL: string;
  /** Whether APP_URL was configured rather than derived from the local server's port. */
  APP_URL_CONFIGURED: boolean;
};

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

const DEV_AUTH_SECRET = "dev-only-secret-do-not-use-in-production-0123456789";

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const data = result.data;
  return { ...data, APP_URL: data.APP_URL ?? localOrigin(data.PORT), APP_URL_CONFIGURED: data.APP_URL !== undefined };
}

/** The development server's own origin; PORT is the port it bound (Next sets it after listening). */
function localOrigin(port: number): string {
  return `http://localhost:${port}`;
}

let cached: Env | undefined;

/** The validated environment. Throws EnvError naming the bad variable. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env and call this to re-read it. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function isProduction(): boolean {
  return env().NODE_ENV === "production";
}

export const MIN_AUTH_SECRET_LENGTH = 32;

/** Why this AUTH_SECRET cannot sign production links and sessions; null when it can. Never quotes it. */
function authSecretProblem(secret: string | undefined): string | null {
  if (!secret) return "AUTH_SECRET is required in production.";
  if (secret === DEV_AUTH_SECRET) return "AUTH_SECRET is the development default; generate a new one (openssl rand -base64 32).";
  if (secret.length < MIN_AUTH_SECRET_LENGTH) {
    return `AUTH_SECRET must be at least ${MIN_AUTH_SECRET_LENGTH} characters in production (openssl rand -base64 32).`;
  }
  return null;
}

export function authSecret(): string {
  const e = env();
  if (e.NODE_ENV !== "production") return e.AUTH_SECRET ?? DEV_AUTH_SECRET;
  const problem = authSecretProblem(e.AUTH_SECRET);
  if (problem) throw new EnvError(problem);
  return e.AUTH_SECRET!;
}

export type PaymentMode = "stripe" | "demo";

/** Stripe when both keys are set; demo otherwise. Demo is refused in production unless allowed. */
export function paymentMode(): PaymentMode {
  const e = env();
  if (e.STRIPE_SECRET_KEY && e.NEXT_PUBLIC_STRIPE_PUBLIC_KEY) return "stripe";
  if (e.NODE_ENV === "production" && !e.ALLOW_DEMO_PAYMENTS_IN_PRODUCTION) {
    throw new EnvError(
      "Stripe keys are missing in production. Set STRIPE_SECRET_KEY and NEXT_PUBLIC_STRIPE_PUBLIC_KEY, " +
        "or set ALLOW_DEMO_PAYMENTS_IN_PRODUCTION=true to run a demo deployment on purpose.",
    );
  }
  return "demo";
}

export type TrustProxy = { kind: "vercel" } | { kind: "none" } | { kind: "hops"; hops: number };

/** How far the forwarding headers are trusted; see lib/http/client-ip.ts. */
export function trustProxy(): TrustProxy {
  const e = env();
  const value = e.TRUST_PROXY ?? (e.VERCEL ? "vercel" : "none");
  if (value === "vercel" || value === "none") return { kind: value };
  return { kind: "hops", hops: Number(value) };
}

export function usesEmbeddedDatabase(): boolean {
  return !env().DATABASE_URL;
}

/** The built-in scheduler runs when not on Vercel, unless switched off. */
export function schedulerEnabled(): boolean {
  const e = env();
  if (e.SCHEDULER_ENABLED !== undefined) return ["1", "true", "yes", "on"].includes(e.SCHEDULER_ENABLED.toLowerCase());
  return !e.VERCEL && e.NODE_ENV !== "test";
}

/** A calendar OAuth client id without its secret (or the reverse) would fail only when an admin connects. */
function calendarClientProblems(e: Env): string[] {
  const pairs = [
    ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
    ["MICROSOFT_CLIENT_ID", "MICROSOFT_CLIENT_SECRET"],
  ] as const;
  return pairs
    .filter(([id, secret]) => Boolean(e[id]) !== Boolean(e[secret]))
    .map(([id, secret]) => `${id} and ${secret} must be set together.`);
}

/**
 * Everything that keeps this configuration from serving requests, one line per problem
 * naming the variable (never its value); empty when it is usable. Outside production only
 * invalid values count; in production the secret and payment rules too.
 */
export function configurationProblems(): string[] {
  let e: Env;
  try {
    e = env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return error.message
      .split("\n")
      .slice(1)
      .map((line) => line.trim());
  }
  if (e.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  if (!e.APP_URL_CONFIGURED)
    problems.push("APP_URL is required in production: the public origin links and emails point at (https://book.example.com).");
  const secret = authSecretProblem(e.AUTH_SECRET);
  if (secret) problems.push(secret);
  try {
    paymentMode();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    problems.push(error.message);
  }
  problems.push(...calendarClientProblems(e));
  return problems;
}
