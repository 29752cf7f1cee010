import "server-only";
import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { enforceRateLimits } from "@/lib/rate-limit/rate-limit";
import { getAuth } from "./auth";
import { ADMIN_ROLE, INVALID_LOGIN_MESSAGE } from "./constants";

// Every attempt is counted per IP in Postgres (shared by all instances) before the
// password is checked, so parallel guesses cannot slip past the limit; a successful
// sign-in gives its attempt back, so only failures use up the allowance. Unknown users
// and wrong passwords get the same message (and better-auth hashes in both cases).

export const TOO_MANY_LOGINS_MESSAGE = "Too many sign-in attempts. Please wait a few minutes and try again.";

function loginRateKey(ip: string): string {
  return `login:ip:${ip}`;
}

async function forgiveAttempt(key: string): Promise<void> {
  const db = await getDb();
  await db.$executeRaw`UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

/**
 * False for an existing account without the admin role: it never gets a session (the
 * session hook in auth.ts refuses it too). Unknown emails go on to better-auth, which
 * answers them like a wrong password.
 */
async function mayBeAdmin(email: string): Promise<boolean> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email }, select: { role: true } });
  return !user || user.role === ADMIN_ROLE;
}

/** Signs an admin in; the session cookie is set on the current response. */
export async function signInAdmin(credentials: { email: string; password: string }, ip: string): Promise<void> {
  const e = env();
  const key = loginRateKey(ip);
  await enforceRateLimits([{ key, limit: e.RATE_LIMIT_LOGIN_PER_IP, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS }], TOO_MANY_LOGINS_MESSAGE);
  const auth = await getAuth();
  const email = credentials.email.trim().toLowerCase();
  if (!(await mayBeAdmin(email))) {
    // Same answer and about the same work (one hash) as a wrong password.
    await (await auth.$context).password.hash(credentials.password);
    log("info", "auth.login_failed", { ip });
    throw new AppError("unauthorized", INVALID_LOGIN_MESSAGE);
  }
  try {
    await auth.api.signInEmail({
      body: { email, password: credentials.password, rememberMe: true },
      headers: await headers(),
    });
  } catch (error) {
    if (error instanceof APIError) {
      log("info", "auth.login_failed", { ip });
      throw new AppError("unauthorized", INVALID_LOGIN_MESSAGE);
    }
    throw error;
  }
  await forgiveAttempt(key);
  log("info", "auth.login", { ip });
}

/** Ends the current session (deletes its row) and clears the cookie. */
export async function signOutAdmin(): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
}
