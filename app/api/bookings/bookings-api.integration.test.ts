import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { bookingRequest, createSlot } from "@/tests/helpers/factories";
import { resetEnvCache } from "@/lib/env";

// The bookings API exercised through its route handlers, with Request objects, against a
// real database. next/headers is replaced by a per-test cookie jar and header set, which
// is all the handlers read from the request scope.

const requestScope = vi.hoisted(() => ({
  cookies: new Map<string, string>(),
  headers: new Headers(),
}));

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => {
      const value = requestScope.cookies.get(name);
      return value === undefined ? undefined : { name, value };
    },
    set: (name: string, value: string) => {
      requestScope.cookies.set(name, value);
    },
  }),
  headers: async () => requestScope.headers,
}));

const { POST: createBooking } = await import("./route");
const { GET: getBooking } = await import("./[id]/route");
const { POST: confirmPayment } = await import("./[id]/confirm-payment/route");
const { GET: slotsOnDate } = await import("../slots/route");
const { GET: availableDates } = await import("../slots/available/route");
const { NextRequest } = await import("next/server");

const t = useTestDatabase();

/** Starts each call as a fresh browser (no cookie) from its own address. */
function asVisitor(session?: string, ip = "203.0.113.7") {
  requestScope.cookies.clear();
  if (session) requestScope.cookies.set("bk_session", session);
  requestScope.headers = new Headers({ "x-forwarded-for": ip });
}

function post(body: unknown): Request {
  return new Request("http://localhost/api/bookings", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function bookingRows() {
  return t.db.booking.count();
}

beforeEach(() => asVisitor());

const envBackup = { ...process.env };
afterEach(() => {
  process.env = { ...envBackup };
  resetEnvCache();
});

describe("POST /api/bookings", () => {
  it("answers 201 with the held booking and a demo payment", async () => {
    const slot = await createSlot(t.db);
    const response = await createBooking(post(bookingRequest(slot.id)));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.booking).toMatchObject({ status: "PENDING_PAYMENT", slotId: slot.id, resumed: false });
    expect(body.booking.id).toMatch(/^bk_[a-z2-7]{26}$/);
    expect(new Date(body.booking.holdExpiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(body.payment).toEqual({ mode: "demo", amountCents: 1000, currency: "usd" });
    expect(requestScope.cookies.get("bk_session")).toMatch(/^[A-Za-z0-9_-]{20,64}$/);
  });

  it("answers 200 and the same booking when the visitor resumes their own hold", async () => {
    const slot = await createSlot(t.db);
    asVisitor("own-session-0123456789abcdef");
    const first = await (await createBooking(post(bookingRequest(slot.id)))).json();
    const again = await createBooking(post(bookingRequest(slot.id, { name: "Ada King" })));
    expect(again.status).toBe(200);
    const body = await again.json();
    expect(body.booking).toMatchObject({ id: first.booking.id, resumed: true });
    expect(await bookingRows()).toBe(1);
  });

  it("confirms a free slot at once with payment mode none", async () => {
    const slot = await createSlot(t.db, { priceCents: 0 });
    const response = await createBooking(post(bookingRequest(slot.id)));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.booking).toMatchObject({ status: "CONFIRMED", holdExpiresAt: null });
    expect(body.payment).toEqual({ mode: "none" });
  });

  it("answers 409 with a human message when another visitor holds the slot", async () => {
    const slot = await createSlot(t.db);
    asVisitor("session-a-0123456789abcdef");
    expect((await createBooking(post(bookingRequest(slot.id)))).status).toBe(201);
    asVisitor("session-b-0123456789abcdef");
    const response = await createBooking(post(bookingRequest(slot.id, { email: "bob@example.com" })));
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: { code: "slot_taken", message: "Sorry, that time was just taken. Please pick another time." },
    });
    expect(await bookingRows()).toBe(1);
  });

  it("answers 422 with field errors and writes nothing", async () => {
    const slot = await createSlot(t.db);
    const response = await createBooking(
      post({ slotId: slot.id, method: "FAX", name: "", email: "not-an-email", notes: "x".repeat(2001) }),
    );
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.message).toBe("Some fields need attention.");
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(["email", "method", "name", "notes"]);
    expect(body.error.fieldErrors.email).toEqual(["Please enter a valid email address."]);
    expect(await bookingRows()).toBe(0);
    expect(await t.db.rateLimitBucket.count()).toBe(0);
  });

  it("answers 400 for a body that is not a JSON object", async () => {
    for (const body of ["{not json", "[1,2]", "null", "42", ""]) {
      const response = await createBooking(post(body));
      expect(response.status, body).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
    expect(await bookingRows()).toBe(0);
  });

  it("answers 429 with Retry-After once the per-email limit is used up", async () => {
    process.env.RATE_LIMIT_HOLDS_PER_EMAIL = "2";
    resetEnvCache();
    const slots = [await createSlot(t.db), await createSlot(t.db), await createSlot(t.db)];
    for (const [i, slot] of slots.slice(0, 2).entries()) {
      asVisitor(`limit-session-${i}-0123456789`);
      expect((await createBooking(post(bookingRequest(slot.id)))).status).toBe(201);
    }
    asVisitor("limit-session-2-0123456789", "198.51.100.9");
    const response = await createBooking(post(bookingRequest(slots[2]!.id)));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
    const body = await response.json();
    expect(body.error).toEqual({ code: "rate_limited", message: "Too many booking attempts. Please wait a few minutes and try again." });
    expect(await bookingRows()).toBe(2);
  });

  it("requests naming no open slot do not use up an email's allowance (no one can block a visitor's address)", async () => {
    process.env.RATE_LIMIT_HOLDS_PER_EMAIL = "2";
    resetEnvCache();
    const victim = { email: "victim@example.com" };
    const taken = await createSlot(t.db);
    const past = await createSlot(t.db, { startsAt: new Date(Date.now() - 3_600_000) });
    asVisitor("someone-else-0123456789abcdef", "192.0.2.1");
    expect((await createBooking(post(bookingRequest(taken.id)))).status).toBe(201);
    const bogus = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const [i, slotId] of [...bogus, past.id, taken.id].entries()) {
      asVisitor(undefined, `198.51.100.${i + 1}`);
      const response = await createBooking(post(bookingRequest(slotId, victim)));
      expect(response.status).not.toBe(429);
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
    // The visitor still gets their own holds, up to the limit.
    for (const i of [1, 2]) {
      asVisitor(undefined, `203.0.113.${i}`);
      expect((await createBooking(post(bookingRequest((await createSlot(t.db)).id, victim)))).status).toBe(201);
    }
    asVisitor(undefined, "203.0.113.3");
    expect((await createBooking(post(bookingRequest((await createSlot(t.db)).id, victim)))).status).toBe(429);
  });

  it("answers 429 per client IP across different emails", async () => {
    process.env.RATE_LIMIT_HOLDS_PER_IP = "1";
    resetEnvCache();
    const [a, b] = [await createSlot(t.db), await createSlot(t.db)];
    asVisitor(undefined, "192.0.2.44");
    expect((await createBooking(post(bookingRequest(a.id)))).status).toBe(201);
    asVisitor(undefined, "192.0.2.44");
    const response = await createBooking(post(bookingRequest(b.id, { email: "other@example.com" })));
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBeTruthy();
  });

  it("answers 409, not 500, for past and unavailable slots", async () => {
    const past = await createSlot(t.db, { startsAt: new Date(Date.now() - 3_600_000) });
    const off = await createSlot(t.db, { isAvailable: false });
    for (const slot of [past, off]) {
      const response = await createBooking(post(bookingRequest(slot.id)));
      expect(response.status).toBe(409);
      expect((await response.json()).error.code).toBe("slot_unavailable");
    }
    const missing = await createBooking(post(bookingRequest("00000000-0000-4000-8000-000000000000")));
    expect(missing.status).toBe(404);
    expect(await bookingRows()).toBe(0);
  });

  it("never answers 500 nor writes a booking for malformed input", async () => {
    const slot = await createSlot(t.db);
    const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constant("\u0000"), fc.constant("a\u0000b"));
    const value = fc.oneof(
      text,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.dictionary(fc.string(), fc.string()),
    );
    const body = fc.record(
      {
        slotId: fc.oneof(value, fc.constant(slot.id)),
        method: fc.oneof(value, fc.constantFrom("ZOOM", "PHONE", "zoom")),
        name: value,
        email: fc.oneof(value, fc.constant("ada@example.com")),
        company: value,
        phone: value,
        notes: value,
        timeZone: fc.oneof(value, fc.constant("Europe/London")),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        asVisitor(undefined, "198.51.100.200");
        const response = await createBooking(post(input));
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(await bookingRows()).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it("never answers 500 when one field of a valid request holds arbitrary text", async () => {
    const slot = await createSlot(t.db);
    const field = fc.constantFrom("name", "email", "company", "phone", "notes", "timeZone", "method", "slotId");
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 300 }));
    await fc.assert(
      fc.asyncProperty(field, text, async (key, value) => {
        asVisitor(undefined, "198.51.100.201");
        const response = await createBooking(post({ ...bookingRequest(slot.id), [key]: value }));
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses control characters in text fields with a 422, not a database error", async () => {
    const slot = await createSlot(t.db);
    const response = await createBooking(post(bookingRequest(slot.id, { name: "Ada\u0000Lovelace", notes: "hi\u0000" })));
    expect(response.status).toBe(422);
    expect(await bookingRows()).toBe(0);
  });
});

describe("GET /api/bookings/{id}", () => {
  it("returns the public status and no personal details", async () => {
    const slot = await createSlot(t.db);
    const { booking } = await (await createBooking(post(bookingRequest(slot.id, { notes: "private" })))).json();
    const response = await getBooking(new Request(`http://localhost/api/bookings/${booking.id}`), params(booking.id));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.booking).toMatchObject({ id: booking.id, status: "PENDING_PAYMENT", method: "ZOOM", amountCents: 1000 });
    const text = JSON.stringify(body);
    for (const secret of ["Ada", "ada@example.com", "private"]) expect(text).not.toContain(secret);
  });

  it("answers 404 for unknown and malformed ids", async () => {
    for (const id of ["bk_aaaaaaaaaaaaaaaaaaaaaaaaaa", "nope", "' OR 1=1 --"]) {
      const response = await getBooking(new Request("http://localhost/x"), params(id));
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
  });
});

describe("POST /api/bookings/{id}/confirm-payment", () => {
  it("confirms a demo payment once and is idempotent", async () => {
    const slot = await createSlot(t.db);
    const { booking } = await (await createBooking(post(bookingRequest(slot.id)))).json();
    const first = await confirmPayment(new Request("http://localhost/x", { method: "POST" }), params(booking.id));
    expect(first.status).toBe(200);
    const body = await first.json();
    // A meeting days out under the default 24 h policy: the demo fee is authorised, not charged (ADR 121).
    expect(body.outcome).toBe("authorized");
    expect(body.booking).toMatchObject({ status: "CONFIRMED", paymentStatus: "AUTHORIZED" });
    expect(body.booking.meetingUrl).toContain("/demo-room/zoom");
    const again = await confirmPayment(new Request("http://localhost/x", { method: "POST" }), params(booking.id));
    expect((await again.json()).outcome).toBe("already_confirmed");
  });

  it("answers 404 for an unknown booking", async () => {
    const response = await confirmPayment(new Request("http://localhost/x", { method: "POST" }), params("bk_aaaaaaaaaaaaaaaaaaaaaaaaaa"));
    expect(response.status).toBe(404);
  });
});

describe("slot endpoints", () => {
  it("lists bookable dates and the slots of one date", async () => {
    const slot = await createSlot(t.db);
    const dates = await (await availableDates(new NextRequest("http://localhost/api/slots/available"))).json();
    expect(dates.timeZone).toBe("America/New_York");
    const date = dates.dates.find((d: { slots: { id: string }[] }) => d.slots.some((s) => s.id === slot.id));
    expect(date).toBeDefined();
    const response = await slotsOnDate(new NextRequest(`http://localhost/api/slots?date=${date.date}`));
    expect(response.status).toBe(200);
    expect((await response.json()).slots.map((s: { id: string }) => s.id)).toContain(slot.id);
  });

  it("answers 400 for malformed and impossible dates", async () => {
    for (const date of ["", "2026-2-3", "2026-02-30", "tomorrow", "2026-13-01"]) {
      const response = await slotsOnDate(new NextRequest(`http://localhost/api/slots?date=${encodeURIComponent(date)}`));
      expect(response.status, date).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
  });
});
