import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "./helpers/test";
import { e2eDataDir, withE2eDb } from "./helpers/db";

// Shared steps of the admin browser tests. Admin accounts are made by the real operator
// script (as a client of the running app's embedded database); bookings in states the
// visitor flow cannot reach (past meetings, lapsed holds) are written straight to the
// database. Each test uses its own slot times, away from the seeded 9-17 weekday grid.

export const ADMIN = { email: "owner@example.com", password: "e2e correct horse battery" };

export function createAdmin(email = ADMIN.email, password = ADMIN.password): string {
  return execFileSync("npx", ["tsx", "scripts/create-admin.ts", "--email", email, "--password", password], {
    env: { ...process.env, EMBEDDED_DB_DIR: e2eDataDir(), LOG_LEVEL: "warn" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

export async function login(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
export function newBookingId(): string {
  return `bk_${Array.from(randomBytes(26), (b) => ALPHABET[b % 32]).join("")}`;
}

/** A slot outside business hours: `dayOffset` days from now at `utcHour`:00 UTC (NY evening/night). */
export function offHoursStart(dayOffset: number, utcHour: number): Date {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + dayOffset);
  d.setUTCHours(utcHour, 0, 0, 0);
  return d;
}

/**
 * Inserts a slot at `startsAt`, or at the next free hour when a slot already covers it: a
 * retried or repeated test then gets a slot of its own instead of a duplicate-key failure.
 */
export async function insertSlot(startsAt: Date, options: { priceCents?: number; methods?: string[] } = {}): Promise<string> {
  const price = options.priceCents ?? 1000;
  const methods = options.methods ?? ["PHONE"];
  return withE2eDb(async (db) => {
    for (let hour = 0; hour < 24; hour++) {
      const at = new Date(startsAt.getTime() + hour * 3_600_000);
      try {
        const { rows } = await db.query<{ id: string }>(
          `INSERT INTO "Slot" ("id", "startsAt", "durationMinutes", "priceCents", "currency", "requiresPayment", "methods", "isAvailable", "updatedAt")
           VALUES ($1, $2, 60, $3, 'usd', $4, $5::"MeetingMethod"[], true, $6) RETURNING "id"`,
          [randomUUID(), at, price, price > 0, methods, new Date()],
        );
        return rows[0]!.id;
      } catch (error) {
        // 23P01: the exclusion constraint on overlapping slots; 23505: the same start twice.
        const code = (error as { code?: string }).code;
        if (code !== "23P01" && code !== "23505") throw error;
      }
    }
    throw new Error(`no free hour for a test slot within a day of ${startsAt.toISOString()}`);
  });
}

/** A booking written directly (for states the visitor flow cannot produce). */
export async function insertBooking(
  slotId: string,
  status: "PENDING_PAYMENT" | "CONFIRMED" | "EXPIRED",
  details: { name: string; email: string; notes?: string },
): Promise<string> {
  const id = newBookingId();
  await withE2eDb((db) =>
    db.query(
      `INSERT INTO "Booking" ("id", "slotId", "status", "holdExpiresAt", "method", "name", "email", "notes", "timeZone", "confirmedAt", "meetingUrl", "updatedAt")
       VALUES ($1, $2, $3, $4, 'PHONE', $5, $6, $7, 'Europe/London', $8, 'tel:+15550100199', now())`,
      [
        id,
        slotId,
        status,
        status === "PENDING_PAYMENT" ? new Date(Date.now() + 30 * 60_000) : null,
        details.name,
        details.email,
        details.notes ?? null,
        status === "CONFIRMED" ? new Date() : null,
      ],
    ),
  );
  return id;
}

/** The visitor's real path: hold through the public API, then pay in demo mode. */
export async function bookAsVisitor(
  request: APIRequestContext,
  slotId: string,
  visitor: { name: string; email: string; company?: string; phone?: string; notes?: string },
): Promise<string> {
  const hold = await request.post("/api/bookings", { data: { slotId, method: "PHONE", timeZone: "Europe/London", ...visitor } });
  expect(hold.status(), await hold.text()).toBe(201);
  const { booking } = (await hold.json()) as { booking: { id: string; status: string } };
  if (booking.status === "PENDING_PAYMENT") {
    const paid = await request.post(`/api/bookings/${booking.id}/confirm-payment`);
    expect(paid.status(), await paid.text()).toBe(200);
  }
  return booking.id;
}

/**
 * Charges an authorised fee now (ADR 120): makes its capture due and runs the maintenance job,
 * which captures it as it would at the refund deadline. For specs about refunds of a charged fee.
 */
export async function chargeNow(request: APIRequestContext, bookingId: string): Promise<void> {
  await withE2eDb((db) =>
    db.query(`UPDATE "Payment" SET "captureAt" = now() - interval '1 minute' WHERE "bookingId" = $1 AND "status" = 'AUTHORIZED'`, [
      bookingId,
    ]),
  );
  const run = await request.get("/api/cron/maintenance", { headers: { Authorization: "Bearer e2e-cron-secret" } });
  expect(run.status()).toBe(200);
  const status = await withE2eDb(
    async (db) => (await db.query(`SELECT "status"::text AS s FROM "Payment" WHERE "bookingId" = $1`, [bookingId])).rows[0]?.s,
  );
  expect(status).toBe("SUCCEEDED");
}

export async function bookingRow(id: string) {
  return withE2eDb(async (db) => (await db.query(`SELECT * FROM "Booking" WHERE "id" = $1`, [id])).rows[0]);
}

export async function auditActions(bookingId: string): Promise<string[]> {
  return withE2eDb(async (db) =>
    (
      await db.query<{ action: string }>(`SELECT "action" FROM "AuditLog" WHERE "bookingId" = $1 ORDER BY "createdAt"`, [bookingId])
    ).rows.map((r) => r.action),
  );
}
