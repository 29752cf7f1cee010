import { addDays } from "date-fns";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as getDates } from "@/app/api/manage/[token]/dates/route";
import { GET as getTimes } from "@/app/api/manage/[token]/times/route";
import { dateKeyInZone } from "@/lib/format";
import { createSlot } from "@/tests/helpers/factories";
import { confirmedWithManageLink } from "@/tests/helpers/manage-link";
import { useTestDatabase } from "@/tests/helpers/test-db";

// The reschedule calendar's two routes: the public listing's shapes, through the visitor's link.

const t = useTestDatabase();
const TZ = "Europe/London";

const confirmedLink = async () => (await confirmedWithManageLink(t.db, addDays(new Date(), 4))).token;

const call = (route: typeof getDates, token: string, query: string) =>
  route(new NextRequest(`http://localhost/api/manage/${token}/x?${query}`), { params: Promise.resolve({ token }) });

describe("GET /api/manage/{token}/dates and /times", () => {
  it("answer the month's counts and the date's times the booking could move to", async () => {
    const token = await confirmedLink();
    const other = await createSlot(t.db, { startsAt: addDays(new Date(), 6) });
    const key = dateKeyInZone(other.startsAt, TZ);

    const dates = await call(getDates, token, new URLSearchParams({ month: key.slice(0, 7), tz: TZ }).toString());
    expect(dates.status).toBe(200);
    expect(dates.headers.get("cache-control")).toBe("no-store");
    const month = (await dates.json()) as { month: string; timeZone: string; dates: { date: string; count: number }[] };
    expect(month).toMatchObject({ month: key.slice(0, 7), timeZone: TZ });
    expect(month.dates).toContainEqual({ date: key, count: 1 });

    const times = await call(getTimes, token, new URLSearchParams({ date: key, tz: TZ }).toString());
    expect(times.status).toBe(200);
    const day = (await times.json()) as { date: string; timeZone: string; slots: { id: string }[] };
    expect(day).toMatchObject({ date: key, timeZone: TZ });
    expect(day.slots.map((s) => s.id)).toEqual([other.id]);
  });

  it("refuse bad parameters with 400 and a wrong link with 404, in the error shape", async () => {
    const token = await confirmedLink();
    const badMonth = await call(getDates, token, "month=2027-13");
    expect(badMonth.status).toBe(400);
    expect(((await badMonth.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    expect((await call(getTimes, token, "date=yesterday")).status).toBe(400);
    expect((await call(getTimes, token, "date=2027-02-01&tz=Mars/Olympus")).status).toBe(400);
    const wrong = await call(getDates, "x".repeat(43), "month=2027-02");
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});
