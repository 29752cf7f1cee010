import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { EmailStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { completedLegacyPayload } from "@/lib/email/booking-snapshot";
import type { IcsAttachment } from "@/lib/email/ics";
import { EmailRenderError, renderEmail } from "@/lib/email/render";
import { pageOf, type Page } from "./pagination";

export const emailFiltersSchema = z.object({
  status: z.preprocess((v) => (v === "" ? undefined : v), z.enum(EmailStatus).optional()).catch(undefined),
  page: z.coerce.number().int().min(1).catch(1),
});
export type EmailFilters = z.output<typeof emailFiltersSchema>;

const listSelect = {
  id: true,
  kind: true,
  toAddress: true,
  subject: true,
  status: true,
  attempts: true,
  lastError: true,
  bookingId: true,
  sentAt: true,
  createdAt: true,
  nextAttemptAt: true,
} satisfies Prisma.OutboxEmailSelect;
export type OutboxRow = Prisma.OutboxEmailGetPayload<{ select: typeof listSelect }>;

export async function listOutbox(filters: EmailFilters): Promise<Page<OutboxRow>> {
  const db = await getDb();
  const where: Prisma.OutboxEmailWhereInput = filters.status ? { status: filters.status } : {};
  const total = await db.outboxEmail.count({ where });
  const { page, pageCount, skip, take } = pageOf(filters.page, total);
  const rows = await db.outboxEmail.findMany({ where, select: listSelect, orderBy: { createdAt: "desc" }, skip, take });
  return { rows, total, page, pageCount };
}

export async function getOutboxEmail(id: string) {
  const db = await getDb();
  return db.outboxEmail.findUnique({ where: { id } });
}

/**
 * The files an outbox email carries (its invitation). Attachments are not stored: rendering is
 * deterministic for a row (ADR 035, 066), so re-rendering it gives the bytes that were sent.
 * A row whose payload no longer renders has none to offer.
 */
export async function outboxAttachments(row: { kind: string; payload: unknown; createdAt: Date }): Promise<IcsAttachment[]> {
  try {
    const payload = (await completedLegacyPayload(row.payload)) ?? row.payload;
    return (await renderEmail({ kind: row.kind, payload, queuedAt: row.createdAt })).attachments;
  } catch (error) {
    if (error instanceof EmailRenderError) return [];
    throw error;
  }
}

/** One attachment of an outbox email by its file name, or null. */
export async function getOutboxAttachment(id: string, filename: string): Promise<IcsAttachment | null> {
  const row = await getOutboxEmail(id);
  if (!row) return null;
  return (await outboxAttachments(row)).find((a) => a.filename === filename) ?? null;
}

/**
 * Puts a FAILED email back in the queue with a fresh set of attempts. Conditional on
 * FAILED, so a double click (or a message the worker already picked up) is not re-sent.
 */
export async function resendFailedEmail(actor: AuditActor, emailId: string, now = new Date()): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const requeued = await tx.outboxEmail.updateMany({
      where: { id: emailId, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: now, lockedUntil: null },
    });
    if (requeued.count === 0) throw new AppError("conflict", "Only a failed email can be resent; this one is not failed (any more).");
    const email = await tx.outboxEmail.findUniqueOrThrow({ where: { id: emailId }, select: { bookingId: true, kind: true } });
    await recordAudit(tx, actor, {
      action: "email.resend",
      entityType: "email",
      entityId: emailId,
      bookingId: email.bookingId,
      before: { status: "FAILED" },
      after: { status: "PENDING", kind: email.kind },
    });
  });
}
