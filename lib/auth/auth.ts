import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { getDb, type Db } from "@/lib/db";
import { authSecret, env, isProduction } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";
import { ADMIN_ROLE, AUTH_COOKIE_PREFIX, DEFAULT_ROLE, MIN_PASSWORD_LENGTH } from "./constants";

// better-auth, configured once per database client. Sessions live in the "session" table
// (no cookie cache, so signing out or resetting a password takes effect at once). There
// is no public sign-up: admins are created by scripts/create-admin.ts.

function createAuth(db: Db) {
  const appUrl = env().APP_URL;
  return betterAuth({
    appName: "Consultations admin",
    baseURL: appUrl,
    basePath: "/api/auth",
    secret: authSecret(),
    trustedOrigins: [appUrl],
    database: prismaAdapter(db, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 128,
    },
    user: {
      // Only scripts/create-admin.ts makes admins (it sets the role itself). Any account
      // made another way (a sign-up or social login enabled later) gets no rights, and the
      // role is never taken from the client (ADR 052).
      additionalFields: { role: { type: "string", required: false, defaultValue: DEFAULT_ROLE, input: false } },
    },
    databaseHooks: {
      // No session at all for an account that is not an admin: whatever endpoint signs
      // it in, it stays signed out (the session check refuses non-admins too).
      session: {
        create: {
          before: async (session) => {
            const user = await db.user.findUnique({ where: { id: session.userId }, select: { role: true } });
            return user?.role === ADMIN_ROLE;
          },
        },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    // Login attempts are counted in Postgres by lib/auth/login.ts (shared by every
    // instance); better-auth's own limiter would keep its counters in process memory.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: AUTH_COOKIE_PREFIX,
      useSecureCookies: isProduction(),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
    },
    telemetry: { enabled: false },
    logger: {
      level: "warn",
      // better-auth passes the underlying error as an extra argument; keep its cause in the log
      // (name and message only: the client still gets better-auth's generic answer).
      log: (level, message, ...args) =>
        log(level === "error" ? "error" : level === "warn" ? "warn" : "debug", "auth.library", {
          message,
          ...(args.length ? { detail: args.map(errorDetail).join("; ").slice(0, 1000) } : {}),
        }),
    },
    // nextCookies must stay last: it copies Set-Cookie headers into Next's cookie store
    // when better-auth is called from a server action.
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { __adminAuth?: { db: Db; auth: Auth } };

/** The auth instance bound to the app's database (rebuilt if tests swap the database). */
export async function getAuth(): Promise<Auth> {
  const db = await getDb();
  const cached = globalForAuth.__adminAuth;
  if (cached && cached.db === db) return cached.auth;
  const auth = createAuth(db);
  globalForAuth.__adminAuth = { db, auth };
  return auth;
}
