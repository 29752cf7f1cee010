import "server-only";
import { headers } from "next/headers";
import type { AuditActor } from "@/lib/audit/audit-log";
import { getAuth } from "./auth";
import { ADMIN_ROLE } from "./constants";

export type AdminActor = AuditActor & { id: string; name: string };

/** The signed-in admin of this request, read from the session table; null if none. */
export async function getAdminSession(): Promise<AdminActor | null> {
  // Reading the request headers first also marks the page dynamic, so `next build` never
  // tries to prerender an admin page (or build the auth instance without a secret).
  const requestHeaders = await headers();
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session || session.user.role !== ADMIN_ROLE) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name };
}
