import { expect, test, type APIRequestContext } from "./helpers/test";
import fc from "fast-check";
import { withE2eDb } from "./helpers/db";
import { FUZZ_RUNS, FUZZ_SEED, malformedBody, pathSegment } from "./helpers/fuzz";

// Every public JSON endpoint gets at least FUZZ_RUNS malformed inputs. None may answer
// 5xx, and none may write a row.

const TABLES = ["Booking", "Payment", "Refund", "Slot", "OutboxEmail", "WebhookEvent", "AuditLog"];

async function rowCounts(): Promise<Record<string, number>> {
  return withE2eDb(async (client) => {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
      counts[table] = Number(rows[0]!.n);
    }
    return counts;
  });
}

const seg = (s: string) => encodeURIComponent(s.slice(0, 500));

type Probe = { name: string; arbitrary: fc.Arbitrary<string>; send: (api: APIRequestContext, value: string) => Promise<number> };

const probes: Probe[] = [
  {
    name: "POST /api/bookings",
    arbitrary: malformedBody,
    send: async (api, body) => (await api.post("/api/bookings", { data: body, headers: { "content-type": "application/json" } })).status(),
  },
  { name: "GET /api/slots?date=", arbitrary: pathSegment, send: async (api, v) => (await api.get(`/api/slots?date=${seg(v)}`)).status() },
  { name: "GET /api/bookings/{id}", arbitrary: pathSegment, send: async (api, v) => (await api.get(`/api/bookings/${seg(v)}`)).status() },
  {
    name: "POST /api/bookings/{id}/confirm-payment",
    arbitrary: pathSegment,
    send: async (api, v) => (await api.post(`/api/bookings/${seg(v)}/confirm-payment`)).status(),
  },
  {
    name: "POST /api/bookings/{id}/payment-intent",
    arbitrary: pathSegment,
    send: async (api, v) => (await api.post(`/api/bookings/${seg(v)}/payment-intent`)).status(),
  },
  { name: "GET /api/manage/{token}", arbitrary: pathSegment, send: async (api, v) => (await api.get(`/api/manage/${seg(v)}`)).status() },
  {
    name: "POST /api/manage/{token}/cancel",
    arbitrary: pathSegment,
    send: async (api, v) => (await api.post(`/api/manage/${seg(v)}/cancel`)).status(),
  },
  {
    name: "GET /api/manage/{token}/dates?month=",
    arbitrary: pathSegment,
    send: async (api, v) => (await api.get(`/api/manage/${seg(v)}/dates?month=${seg(v)}&tz=${seg(v)}`)).status(),
  },
  {
    name: "GET /api/manage/{token}/times?date=",
    arbitrary: pathSegment,
    send: async (api, v) => (await api.get(`/api/manage/${seg(v)}/times?date=${seg(v)}&tz=${seg(v)}`)).status(),
  },
  {
    name: "POST /api/manage/{token}/reschedule",
    arbitrary: malformedBody,
    send: async (api, body) =>
      (
        await api.post(`/api/manage/${"A".repeat(43)}/reschedule`, { data: body, headers: { "content-type": "application/json" } })
      ).status(),
  },
  {
    name: "POST /api/webhooks/stripe",
    arbitrary: malformedBody,
    send: async (api, body) =>
      (
        await api.post("/api/webhooks/stripe", {
          data: body,
          headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
        })
      ).status(),
  },
];

for (const probe of probes) {
  test(`fuzz ${probe.name}: no 5xx and no row written`, async ({ request }) => {
    test.setTimeout(180_000);
    const before = await rowCounts();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(probe.arbitrary, async (value) => {
        const status = await probe.send(request, value);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        return status < 500;
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
    );
    expect(await rowCounts()).toEqual(before);
    test.info().annotations.push({ type: "statuses", description: JSON.stringify(Object.fromEntries(statuses)) });
  });
}
