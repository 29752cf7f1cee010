import { expect, type APIRequestContext, type Locator, type Page, type TestInfo } from "./helpers/test";

// Shared steps of the /contact browser tests. Each test books its own date (by index into
// the open dates) so tests never compete for a slot unless they mean to.

export const VISITOR_ZONE = "Europe/London";
export const BUSINESS_ZONE = "America/New_York";
/** The e2e server runs on the default booking window (lib/env.ts BOOKING_WINDOW_DAYS). */
export const BOOKING_WINDOW_DAYS = 30;

export type OpenSlot = { id: string; startsAt: string; durationMinutes: number; priceCents: number; methods: string[] };

/**
 * Every open date of the window from GET /api/slots/available, following its `next` pages
 * (ADR 140). `request` may be another visitor's context, so whose holds show is theirs.
 */
export async function allOpenDates(request: APIRequestContext, base?: string): Promise<{ date: string; slots: OpenSlot[] }[]> {
  const dates: { date: string; slots: OpenSlot[] }[] = [];
  let path: string | null = "/api/slots/available";
  for (let pages = 0; path && pages < 50; pages++) {
    const response = await request.get(base ? new URL(path, base).href : path);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { dates: { date: string; slots: OpenSlot[] }[]; next: string | null };
    dates.push(...page.dates);
    path = page.next;
  }
  return dates;
}

/**
 * The last open time of the `dateIndex`-th date, among the seeded business-hours grid only:
 * admin specs insert their own off-hours slots (other prices, one method), and which date those
 * land on depends on the date the clock is pinned to.
 */
export async function openSlot(request: APIRequestContext, dateIndex: number): Promise<OpenSlot> {
  const dates = await allOpenDates(request);
  const seeded = dates.map((d) => d.slots.filter(isSeeded)).filter((slots) => slots.length > 0);
  const slots = seeded[dateIndex];
  if (!slots) throw new Error(`only ${seeded.length} open dates; wanted index ${dateIndex}`);
  return slots[slots.length - 1]!;
}

const businessHour = new Intl.DateTimeFormat("en-US", { timeZone: BUSINESS_ZONE, hour: "numeric", hourCycle: "h23" });
function isSeeded(slot: OpenSlot): boolean {
  const hour = Number(businessHour.format(new Date(slot.startsAt)));
  return hour >= 9 && hour < 17 && slot.priceCents === 1000 && slot.durationMinutes === 60;
}

export function dateKeyIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
}

export function timeIn(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(instant));
}

/** Opens /contact and waits until the page is interactive (the zone switches to the browser's). */
export async function gotoContact(page: Page): Promise<void> {
  await page.goto("/contact");
  await expect(page.getByRole("heading", { level: 1, name: "Book a consultation" })).toBeVisible();
  await expect(page.getByText("Dates and times follow your time zone")).toContainText("London");
}

export function dayButton(page: Page, dateKey: string): Locator {
  return page.locator(`[data-date="${dateKey}"]`);
}

/** Moves the calendar to the slot's month (visitor zone) and opens that date's dialog. */
export async function openDateOf(page: Page, slot: OpenSlot): Promise<Locator> {
  const day = dayButton(page, dateKeyIn(slot.startsAt, VISITOR_ZONE));
  for (let i = 0; i < 3 && !(await day.isVisible()); i++) await page.getByRole("button", { name: "Next month" }).click();
  await day.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  return dialog;
}

export function slotCard(page: Page, slot: OpenSlot): Locator {
  return page.getByRole("dialog").locator(`[data-slot-id="${slot.id}"]`);
}

/** Date → time → first method, ending on the details form. */
export async function chooseSlotAndMethod(page: Page, slot: OpenSlot): Promise<void> {
  await openDateOf(page, slot);
  await slotCard(page, slot).click();
  await expect(page.getByRole("heading", { name: "How would you like to meet?" })).toBeVisible();
  await page.locator("[data-method]").first().click();
  await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();
}

export type Visitor = { name: string; email: string; company?: string; phone?: string; notes?: string };

export async function fillDetails(page: Page, visitor: Visitor): Promise<void> {
  await page.getByLabel("Full name").fill(visitor.name);
  await page.getByLabel("Email").fill(visitor.email);
  if (visitor.company) await page.getByLabel("Company").fill(visitor.company);
  if (visitor.phone) await page.getByLabel("Phone").fill(visitor.phone);
  if (visitor.notes) await page.getByLabel("What would you like to discuss?").fill(visitor.notes);
}

export const continueButton = (page: Page) => page.getByRole("button", { name: "Continue to payment" });
export const payButton = (page: Page) => page.getByRole("button", { name: "Pay $10 & Book Consultation" });

/** A full-page screenshot kept in the test's results folder (test-results/<test>/) and attached to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
