import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { DbOrTx } from "@/lib/db";

// Who did what, when, with before and after values. Callers pass their transaction so the
// entry commits together with the change it describes.

export type AuditActor = { id: string | null; email: string };

export type AuditEntityType = "booking" | "slot" | "payment" | "email" | "setting" | "user" | "calendar";

export type AuditEntry = {
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  bookingId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Dates become ISO strings and undefined keys vanish, as they would in any JSON column. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export async function recordAudit(db: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      bookingId: entry.bookingId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}
