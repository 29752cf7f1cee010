import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { applyMigrations, loadMigrations } from "./migrate";

const t = useTestDatabase();

type Field = { name: string; type: string; optional: boolean; list: boolean };
type Model = { name: string; table: string; fields: Field[] };

/** A small reader of schema.prisma: models, their table names and scalar/enum fields. */
function readSchema(): { models: Model[]; enums: Set<string> } {
  const text = readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8");
  const enums = new Set([...text.matchAll(/^enum (\w+) \{/gm)].map((m) => m[1]!));
  const modelNames = new Set([...text.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!));
  const models: Model[] = [];
  for (const match of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const body = match[2]!;
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? match[1]!;
    const fields: Field[] = [];
    for (const line of body.split("\n").map((l) => l.trim())) {
      const field = /^(\w+)\s+(\w+)(\?|\[\])?/.exec(line);
      if (!field || line.startsWith("//") || line.startsWith("@@")) continue;
      const [, name, type, modifier] = field;
      if (modelNames.has(type!)) continue;
      fields.push({ name: name!, type: type!, optional: modifier === "?", list: modifier === "[]" });
    }
    models.push({ name: match[1]!, table, fields });
  }
  return { models, enums };
}

function expectedDataType(field: Field, enums: Set<string>): string[] {
  if (field.list) return ["ARRAY"];
  if (enums.has(field.type)) return ["USER-DEFINED"];
  const map: Record<string, string[]> = {
    String: ["text", "character varying", "uuid"],
    Int: ["integer"],
    Boolean: ["boolean"],
    DateTime: ["timestamp with time zone", "timestamp without time zone", "date"],
    Json: ["jsonb"],
  };
  return map[field.type] ?? [`unknown:${field.type}`];
}

describe("migrations", () => {
  it("create exactly the tables and columns schema.prisma describes", async () => {
    const { models, enums } = readSchema();
    expect(models.length).toBeGreaterThanOrEqual(13);
    const columns = await t.db.$queryRaw<{ table_name: string; column_name: string; data_type: string; is_nullable: string }[]>`
      SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`;
    const byTable = new Map<string, typeof columns>();
    for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c]);
    expect([...byTable.keys()].sort()).toEqual(models.map((m) => m.table).sort());
    for (const model of models) {
      const dbColumns = byTable.get(model.table)!;
      expect(dbColumns.map((c) => c.column_name).sort(), model.name).toEqual(model.fields.map((f) => f.name).sort());
      for (const field of model.fields) {
        const column = dbColumns.find((c) => c.column_name === field.name)!;
        expect(expectedDataType(field, enums), `${model.name}.${field.name}`).toContain(column.data_type);
        // Prisma keeps list columns nullable; CHECKs guard them where it matters.
        expect(column.is_nullable === "YES", `${model.name}.${field.name} nullability`).toBe(field.optional || field.list);
      }
    }
  });

  it("let every model be written and read back through the generated client", async () => {
    const db = t.db;
    const now = new Date("2026-05-01T12:00:00.000Z");
    const slot = await db.slot.create({
      data: {
        startsAt: now,
        durationMinutes: 45,
        priceCents: 1500,
        currency: "eur",
        requiresPayment: true,
        methods: ["ZOOM", "GOOGLE_MEET"],
        isAvailable: false,
      },
    });
    const booking = await db.booking.create({
      data: {
        id: "bk_aaaaaaaaaaaaaaaaaaaaaaaaaa",
        slotId: slot.id,
        status: "CONFIRMED",
        holdExpiresAt: null,
        method: "GOOGLE_MEET",
        name: "Grace Hopper",
        email: "grace@example.com",
        company: "Navy",
        phone: "+1 555 0100",
        notes: "<b>notes</b>",
        timeZone: "Europe/Paris",
        clientSessionHash: "f".repeat(64),
        meetingUrl: "https://meet.example/abc",
        meetingExternalId: "evt_1",
        confirmedAt: now,
        cancelledAt: null,
        cancellationReason: null,
        completedAt: now,
        reminderSentAt: now,
        projectOutcome: "WON",
        projectNotes: "signed",
        icsSequence: 2,
        manageTokenHash: "a".repeat(64),
      },
    });
    const payment = await db.payment.create({
      data: {
        bookingId: booking.id,
        provider: "STRIPE",
        providerPaymentId: "pi_1",
        amountCents: 1500,
        currency: "eur",
        status: "PARTIALLY_REFUNDED",
        refundedCents: 500,
        failureMessage: null,
        succeededAt: now,
      },
    });
    await db.refund.create({
      data: {
        paymentId: payment.id,
        providerRefundId: "re_1",
        idempotencyKey: "k1",
        amountCents: 500,
        status: "SUCCEEDED",
        reason: "goodwill",
      },
    });
    await db.webhookEvent.create({ data: { id: "evt_123", type: "payment_intent.succeeded", processedAt: now } });
    await db.outboxEmail.create({
      data: {
        dedupeKey: "d1",
        kind: "booking_confirmed",
        bookingId: booking.id,
        toAddress: "grace@example.com",
        payload: { a: [1, "x"] },
        subject: "S",
        html: "<p>h</p>",
        text: "t",
        status: "SENT",
        attempts: 1,
        lastError: null,
        transport: "resend",
        providerMessageId: "m1",
        sentAt: now,
        lockedUntil: now,
      },
    });
    await db.rateLimitBucket.create({ data: { key: "hold:ip:1", windowStart: now, count: 3, expiresAt: now } });
    await db.auditLog.create({
      data: {
        actorId: "u1",
        actorEmail: "a@example.com",
        action: "booking.cancel",
        entityType: "booking",
        entityId: booking.id,
        bookingId: booking.id,
        before: { status: "CONFIRMED" },
        after: { status: "CANCELLED" },
      },
    });
    await db.appSetting.create({ data: { key: "calendar_feed_token_hash", value: "x" } });
    const user = await db.user.create({
      data: { id: "u1", name: "Admin", email: "admin@example.com", emailVerified: true, image: null, role: "admin" },
    });
    await db.session.create({ data: { id: "s1", expiresAt: now, token: "tok", ipAddress: "127.0.0.1", userAgent: "ua", userId: user.id } });
    await db.account.create({
      data: {
        id: "a1",
        accountId: "u1",
        providerId: "credential",
        userId: user.id,
        password: "hash",
        accessTokenExpiresAt: now,
        refreshTokenExpiresAt: now,
        scope: "s",
        accessToken: "at",
        refreshToken: "rt",
        idToken: "it",
      },
    });
    await db.verification.create({ data: { id: "v1", identifier: "i", value: "v", expiresAt: now } });

    const read = await db.booking.findUniqueOrThrow({
      where: { id: booking.id },
      include: { slot: true, payment: { include: { refunds: true } }, emails: true, auditEntries: true },
    });
    expect(read.slot).toMatchObject({ currency: "eur", methods: ["ZOOM", "GOOGLE_MEET"], isAvailable: false, durationMinutes: 45 });
    expect(read).toMatchObject({ projectOutcome: "WON", icsSequence: 2, notes: "<b>notes</b>", timeZone: "Europe/Paris" });
    expect(read.payment).toMatchObject({ status: "PARTIALLY_REFUNDED", refundedCents: 500 });
    expect(read.payment!.refunds[0]).toMatchObject({ amountCents: 500, status: "SUCCEEDED" });
    expect(read.emails[0]!.payload).toEqual({ a: [1, "x"] });
    expect(read.auditEntries[0]!.after).toEqual({ status: "CANCELLED" });
    expect(read.confirmedAt!.toISOString()).toBe(now.toISOString());
    const fullUser = await db.user.findUniqueOrThrow({ where: { id: "u1" }, include: { sessions: true, accounts: true } });
    expect(fullUser.sessions).toHaveLength(1);
    expect(fullUser.accounts[0]!.password).toBe("hash");
    expect(await db.verification.count()).toBe(1);
    expect(await db.rateLimitBucket.count()).toBe(1);
    expect(await db.webhookEvent.count()).toBe(1);
    expect(await db.appSetting.count()).toBe(1);
  });

  it("record history like Prisma and apply nothing twice", async () => {
    const migrations = await loadMigrations();
    const rows = await t.db.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null }[]>`
      SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(migrations.map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);

    const client = new pg.Client({ connectionString: t.current.url });
    await client.connect();
    try {
      expect(await applyMigrations(client)).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it("refuses to run when an applied migration was edited", async () => {
    const client = new pg.Client({ connectionString: t.current.url });
    await client.connect();
    try {
      await client.query(`UPDATE "_prisma_migrations" SET checksum = 'tampered'`);
      await expect(applyMigrations(client)).rejects.toThrow(/checksum mismatch/);
    } finally {
      await client.query(`UPDATE "_prisma_migrations" SET checksum = 'restored'`).catch(() => {});
      await client.end();
    }
  });
});
