import "server-only";
import { getDb } from "@/lib/db";
import type { AuditLog } from "@/lib/db/generated/client";
import { pageOf, type Page } from "./pagination";

export async function listAuditLog(requestedPage: number): Promise<Page<AuditLog>> {
  const db = await getDb();
  const total = await db.auditLog.count();
  const { page, pageCount, skip, take } = pageOf(requestedPage, total);
  const rows = await db.auditLog.findMany({ orderBy: { createdAt: "desc" }, skip, take });
  return { rows, total, page, pageCount };
}
