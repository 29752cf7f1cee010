import "server-only";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors/app-error";
import { LOGIN_PATH } from "./constants";
import { getAdminSession, type AdminActor } from "./session";

// The guard. Every admin page, server action and route handler calls one of these
// itself; the redirect in proxy.ts only saves a round trip and is never relied on.

export type { AdminActor };

/** For route handlers: the admin, or a 401 AppError. */
export async function requireAdmin(): Promise<AdminActor> {
  const admin = await getAdminSession();
  if (!admin) throw new AppError("unauthorized", "Please sign in as an admin.");
  return admin;
}

/** For pages and server actions: the admin, or a redirect to the login page. */
export async function requireAdminPage(): Promise<AdminActor> {
  const admin = await getAdminSession();
  if (!admin) redirect(LOGIN_PATH);
  return admin;
}
