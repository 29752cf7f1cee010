import "server-only";
import { APIError } from "better-auth/api";
import { cookies, headers } from "next/headers";
import { getDb } from "@/lib/db";
import { env, isProduction } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { log } from "@/lib/log";
import { enforceRateLimits, refundHits, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { getAuth } from "./auth";
import { ADMIN_ROLE, INVALID_LOGIN_MESSAGE } from "./constants";
import { issueDeviceToken, LOGIN_DEVICE_COOKIE, LOGIN_DEVICE_DAYS, verifyDeviceToken } from "./login-device";

// Every attempt is counted in Postgres (shared by all instances) before the password is
// checked, so parallel guesses cannot slip past a limit; a successful sign-in gives its
// attempt back, so only failures use up the allowance (ADR 041). What it is counted under
// (ADR 045):
// - from a browser holding this account's device token: under that device only, so no one
//   else's failures, from any address, can lock the owner's own browser out;
// - otherwise: under the IP and under the account, so rotating addresses does not buy an
//   attacker more guesses at one account.
// Unknown users and wrong passwords get the same message (better-auth hashes in both cases).

export const TOO_MANY_LOGINS_MESSAGE = "Too many sign-in attempts. Please wait a few minutes and try again.";

export function loginRules(email: string, ip: string, deviceId: string | null): RateLimitRule[] {
  const e = env();
  const window = e.RATE_LIMIT_WINDOW_SECONDS;
  if (deviceId) return [{ key: `login:device:${deviceId}`, limit: e.RATE_LIMIT_LOGIN_PER_IP, windowSeconds: window }];
  return [
    { key: `login:ip:${ip}`, limit: e.RATE_LIMIT_LOGIN_PER_IP, windowSeconds: window },
    { key: `login:account:${email}`, limit: e.RATE_LIMIT_LOGIN_PER_ACCOUNT, windowSeconds: window },
  ];
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

/** Signs an admin in; the session cookie and the device token are set on the current response. */
export async function signInAdmin(credentials: { email: string; password: string }, ip: string, now = new Date()): Promise<void> {
  const email = credentials.email.trim().toLowerCase();
  const jar = await cookies();
  const deviceId = verifyDeviceToken(jar.get(LOGIN_DEVICE_COOKIE)?.value, email, now);
  const rules = loginRules(email, ip, deviceId);
  await enforceRateLimits(rules, TOO_MANY_LOGINS_MESSAGE, now);
  const auth = await getAuth();
  if (!(await mayBeAdmin(email))) {
    // Same answer and about the same work (one hash) as a wrong password.
    await (await auth.$context).password.hash(credentials.password);
    log("info", "auth.login_failed", { ip, knownDevice: Boolean(deviceId) });
    throw new AppError("unauthorized", INVALID_LOGIN_MESSAGE);
  }
  try {
    await auth.api.signInEmail({
      body: { email, password: credentials.password, rememberMe: true },
      headers: await headers(),
    });
  } catch (error) {
    if (error instanceof APIError) {
      log("info", "auth.login_failed", { ip, knownDevice: Boolean(deviceId) });
      throw new AppError("unauthorized", INVALID_LOGIN_MESSAGE);
    }
    throw error;
  }
  await refundHits(rules.map((r) => r.key));
  jar.set(LOGIN_DEVICE_COOKIE, issueDeviceToken(email, now), {
    httpOnly: true,
    secure: isProduction(),
    sameSite: "strict",
    path: "/admin",
    maxAge: LOGIN_DEVICE_DAYS * 86_400,
  });
  log("info", "auth.login", { ip, knownDevice: Boolean(deviceId) });
}

/** Ends the current session (deletes its row) and clears the cookie. */
export async function signOutAdmin(): Promise<void> {
  const auth = await getAuth();
  await auth.api.signOut({ headers: await headers() });
}
