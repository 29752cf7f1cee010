import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { BookingStatus, PaymentStatus } from "@/lib/db/generated/enums";
import { isCalendarDate, localDayBounds } from "@/lib/time-zones";
import { pageOf, type Page } from "./pagination";

// The bookings list: filters come from the URL (so a filtered view can be bookmarked and
// exported as is), are validated here, and become one Prisma where clause shared by the
// paginated list and the CSV export.

const optionalEnum = <T extends Record<string, string>>(values: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values).optional()).catch(undefined);
const optionalDate = z.preprocess((v) => (v === "" ? undefined : v), z.string().refine(isCalendarDate).optional()).catch(undefined);

export const NO_PAYMENT = "NONE" as const;

export const bookingFiltersSchema = z.object({
  status: optionalEnum(BookingStatus),
  payment: optionalEnum({ ...PaymentStatus, NONE: NO_PAYMENT } as const),
  from: optionalDate,
  to: optionalDate,
  q: z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 100) : undefined), z.string().optional()),
  page: z.coerce.number().int().min(1).catch(1),
});

export type BookingFilters = z.output<typeof bookingFiltersSchema>;

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

export function parseBookingFilters(params: Params): BookingFilters {
  const entries = params instanceof URLSearchParams ? Object.fromEntries(params) : params;
  const flat = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return bookingFiltersSchema.parse(flat);
}

/** The filters as a query string (without the page), for links and the export. */
export function filtersQuery(filters: BookingFilters, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["status", "payment", "from", "to", "q"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  return params.toString();
}

export function bookingsWhere(filters: BookingFilters, timeZone: string): Prisma.BookingWhereInput {
  const where: Prisma.BookingWhereInput = {};
  if (filters.status) where.status = filters.status;
  if (filters.payment === NO_PAYMENT) where.payment = { is: null };
  else if (filters.payment) where.payment = { is: { status: filters.payment } };
  const startsAt: Prisma.DateTimeFilter = {};
  if (filters.from) startsAt.gte = localDayBounds(filters.from, timeZone).start;
  if (filters.to) startsAt.lt = localDayBounds(filters.to, timeZone).end;
  if (filters.from || filters.to) where.slot = { startsAt };
  if (filters.q) {
    const contains = { contains: filters.q, mode: "insensitive" as const };
    where.OR = [{ name: contains }, { email: contains }, { company: contains }];
  }
  return where;
}

const listInclude = { slot: true, payment: true } satisfies Prisma.BookingInclude;
export type BookingListRow = Prisma.BookingGetPayload<{ include: typeof listInclude }>;

const ORDER: Prisma.BookingOrderByWithRelationInput[] = [{ slot: { startsAt: "desc" } }, { createdAt: "desc" }];

export async function listBookings(filters: BookingFilters, timeZone: string): Promise<Page<BookingListRow>> {
  const db = await getDb();
  const where = bookingsWhere(filters, timeZone);
  const total = await db.booking.count({ where });
  const { page, pageCount, skip, take } = pageOf(filters.page, total);
  const rows = await db.booking.findMany({ where, include: listInclude, orderBy: ORDER, skip, take });
  return { rows, total, page, pageCount };
}

/** Every booking matching the filters (capped), for the CSV export. */
export async function bookingsForExport(filters: BookingFilters, timeZone: string, limit = 50_000): Promise<BookingListRow[]> {
  const db = await getDb();
  return db.booking.findMany({ where: bookingsWhere(filters, timeZone), include: listInclude, orderBy: ORDER, take: limit });
}
