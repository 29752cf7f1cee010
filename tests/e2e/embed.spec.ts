import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expectNoAxeViolations } from "./helpers/axe";
import { e2ePort } from "./helpers/db";
import { startEmbedHost } from "./helpers/embed-host";
import { expect, pinClock, test, type BrowserContext, type BrowserType, type LaunchOptions, type Page } from "./helpers/test";
import { dateKeyIn, openSlot, VISITOR_ZONE, type OpenSlot } from "./contact-flow";

// Issue 19 (embed): a site on another origin (127.0.0.2, a different site to the browser)
// includes /embed.js; the visitor books inline and through the popup, the frame sizes itself
// to its content, the host hears the events (no personal data), and all of it works with
// third-party cookies allowed and blocked. The allowed origin is an admin setting row (BusinessSetting).

test.use({ timezoneId: VISITOR_ZONE, locale: "en-US" });

const APP = `http://127.0.0.1:${e2ePort()}`;
const HOST_PORT = e2ePort() + 1;
const HOST = `http://127.0.0.2:${HOST_PORT}`;
const VISITOR = { name: "Ada Embedded", email: "ada.embedded@example.com", phone: "+44 20 7946 0000", notes: "Private notes" };

function hostPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><h1>${title}</h1>${body}<p><a href="#after" id="after">After the widget</a></p></main>
<script>window.__events=[];for(const t of ["booking:slot-held","booking:confirmed","booking:closed"])document.addEventListener(t,e=>window.__events.push({type:t,detail:e.detail,target:e.target.id}));</script>
<script src="${APP}/embed.js" async></script></body></html>`;
}

const PAGES: Record<string, string> = {
  "/inline": hostPage("Our studio", `<div id="widget" data-booking-embed></div>`),
  "/popup": hostPage("Our studio popup", `<button type="button" id="book" data-booking-embed-popup>Book a call</button>`),
};

let host: Awaited<ReturnType<typeof startEmbedHost>>;
test.beforeAll(async () => {
  host = await startEmbedHost(HOST_PORT, PAGES);
});
test.afterAll(() => host.close());

type HostEvent = { type: string; detail: Record<string, unknown>; target: string };
const events = (page: Page) => page.evaluate(() => (window as unknown as { __events: HostEvent[] }).__events);

const embedFrame = (page: Page) => page.frameLocator(`iframe[title="Book a consultation"]`);
const embedDocument = (page: Page) => page.frames().find((f) => f.url().startsWith(`${APP}/embed`))!;

async function bookInFrame(page: Page, slot: OpenSlot, { reselect }: { reselect: boolean }) {
  const frame = embedFrame(page);
  await expect(frame.getByText("Dates and times follow your time zone")).toContainText("London");
  const pickSlot = async () => {
    const day = frame.locator(`[data-date="${dateKeyIn(slot.startsAt, VISITOR_ZONE)}"]`);
    for (let i = 0; i < 3 && !(await day.isVisible()); i++) await frame.getByRole("button", { name: "Next month" }).click();
    await day.click();
    await frame.getByRole("dialog").locator(`[data-slot-id="${slot.id}"]`).click();
    await frame.locator("[data-method]").first().click();
  };
  await pickSlot();
  await frame.getByLabel("Full name").fill(VISITOR.name);
  await frame.getByLabel("Email").fill(VISITOR.email);
  await frame.getByLabel("Phone").fill(VISITOR.phone);
  await frame.getByLabel("What would you like to discuss?").fill(VISITOR.notes);
  await frame.getByRole("button", { name: "Continue to payment" }).click();
  await expect(frame.getByRole("heading", { name: "Pay and confirm" })).toBeVisible();
  if (reselect) {
    // The frame's own session id (no cookie) still finds the visitor's hold as theirs.
    await frame.getByRole("button", { name: "Edit details" }).click();
    await frame.getByRole("button", { name: "Change method" }).click();
    await frame.getByRole("button", { name: "Change time" }).click();
    // The calendar asks again for the open times (the embed's action, with the kept id); a date
    // opened before they arrive shows the old list, so close it and look again until they have.
    const day = frame.locator(`[data-date="${dateKeyIn(slot.startsAt, VISITOR_ZONE)}"]`);
    const card = frame.getByRole("dialog").locator(`[data-slot-id="${slot.id}"]`);
    await expect(async () => {
      for (let i = 0; i < 3 && !(await day.isVisible()); i++) await frame.getByRole("button", { name: "Next month" }).click();
      await day.click();
      try {
        await expect(card).toContainText("Held for you", { timeout: 2_000 });
      } catch (error) {
        await page.keyboard.press("Escape");
        throw error;
      }
    }).toPass({ timeout: 30_000 });
    await frame.getByRole("dialog").locator(`[data-slot-id="${slot.id}"]`).click();
    await frame.locator("[data-method]").first().click();
    await frame.getByRole("button", { name: "Continue to payment" }).click();
    await expect(frame.getByRole("heading", { name: "Pay and confirm" })).toBeVisible();
  }
  await frame.getByRole("button", { name: "Pay $10 & Book Consultation" }).click();
  await expect(frame.getByRole("heading", { level: 1, name: "You're booked" })).toBeVisible();
}

/** The frame is as tall as its content and shows no scrollbar of its own. */
async function expectSizedToContent(page: Page) {
  const iframe = page.locator(`iframe[title="Book a consultation"]`);
  await expect
    .poll(async () => {
      const doc = embedDocument(page);
      const inner = await doc.evaluate(() => ({
        content: Math.ceil(document.querySelector("[data-embed-content]")!.getBoundingClientRect().height),
        scroll: document.documentElement.scrollHeight,
        client: document.documentElement.clientHeight,
      }));
      const outer = (await iframe.boundingBox())!.height;
      return Math.abs(outer - inner.content) <= 1 && inner.scroll <= inner.client;
    })
    .toBe(true);
}

function expectNoPersonalData(list: HostEvent[]) {
  const text = JSON.stringify(list);
  for (const secret of [VISITOR.name, VISITOR.email, VISITOR.phone, VISITOR.notes, "Ada", "example.com"])
    expect(text).not.toContain(secret);
}

async function expectBookingEvents(page: Page, slot: OpenSlot, target: string) {
  await expect
    .poll(async () => (await events(page)).map((e) => e.type))
    .toEqual(expect.arrayContaining(["booking:slot-held", "booking:confirmed"]));
  const list = await events(page);
  const held = list.find((e) => e.type === "booking:slot-held")!;
  const confirmed = list.find((e) => e.type === "booking:confirmed")!;
  expect(held.target).toBe(target);
  expect(Object.keys(held.detail).sort()).toEqual(["holdExpiresAt", "startsAt"]);
  expect(held.detail.startsAt).toBe(slot.startsAt);
  expect(Object.keys(confirmed.detail).sort()).toEqual(["reference", "startsAt"]);
  expect(confirmed.detail.reference).toMatch(/^[A-Za-z0-9_-]{10,}$/);
  expect(confirmed.detail.startsAt).toBe(slot.startsAt);
  expectNoPersonalData(list);
}

/** Sets a cookie from inside the frame and reads it back: the probe of third-party cookies. */
async function frameCanKeepCookie(page: Page): Promise<boolean> {
  return embedDocument(page).evaluate(() => {
    document.cookie = "probe=1; SameSite=None; Secure; Path=/";
    return document.cookie.includes("probe=1");
  });
}

async function expectNoAppCookies(context: BrowserContext) {
  const cookies = await context.cookies(APP);
  expect(cookies.map((c) => c.name)).not.toContain("bk_session");
}

test("the frame is refused on other sites and everything but /embed refuses framing", async ({ request }) => {
  const embed = await request.get("/embed");
  expect(embed.headers()["content-security-policy"]).toMatch(new RegExp(`frame-ancestors ${HOST.replaceAll(".", "\\.")}(;|$)`));
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  for (const path of ["/contact", "/embedded", "/admin/login"]) {
    const response = await request.get(path);
    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
  }
  const script = await request.get("/embed.js");
  expect(script.status()).toBe(200);
  expect(script.headers()["content-type"]).toMatch(/javascript/);
  expect(script.headers()["cache-control"]).toMatch(/max-age=3600/);
});

// Third-party cookies, allowed and blocked, through the browser's own cookie setting
// (profile.cookie_controls_mode: 0 allows them, 1 blocks them, as Chrome's settings page does).
// Playwright's default profile already blocks them; each run proves its mode with a probe cookie.
const MODES = [
  { name: "third-party cookies allowed", controls: 0, dates: { inline: 1, popup: 2 } },
  { name: "third-party cookies blocked", controls: 1, dates: { inline: 3, popup: 5 } },
] as const;

async function launchWith(playwright: { chromium: BrowserType }, launchOptions: LaunchOptions, controls: number) {
  const dir = mkdtempSync(path.join(tmpdir(), "embed-profile-"));
  mkdirSync(path.join(dir, "Default"));
  writeFileSync(path.join(dir, "Default", "Preferences"), JSON.stringify({ profile: { cookie_controls_mode: controls } }));
  const context = await playwright.chromium
    .launchPersistentContext(dir, { ...launchOptions, timezoneId: VISITOR_ZONE, locale: "en-US", viewport: { width: 1280, height: 900 } })
    .then(pinClock);
  return {
    context,
    page: context.pages()[0] ?? (await context.newPage()),
    dispose: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

for (const mode of MODES) {
  test.describe(mode.name, () => {
    test("books through the inline embed from another site, sized to its content, with events and axe", async ({
      playwright,
      launchOptions,
      request,
    }) => {
      test.setTimeout(150_000);
      const slot = await openSlot(request, mode.dates.inline);
      const { context, page, dispose } = await launchWith(playwright, launchOptions, mode.controls);
      try {
        await page.goto(`${HOST}/inline`);
        const frame = embedFrame(page);
        await expect(frame.getByRole("heading", { name: "Pick a date" })).toBeVisible();
        expect(await frameCanKeepCookie(page)).toBe(mode.controls === 0);
        await expectSizedToContent(page);
        await expectNoAxeViolations(page, "host page with the inline widget");
        await bookInFrame(page, slot, { reselect: true });
        await expectSizedToContent(page);
        await expectBookingEvents(page, slot, "widget");
        await expectNoAppCookies(context);
      } finally {
        await dispose();
      }
    });

    test("books through the popup: a labelled modal dialog, Escape closes it and focus returns", async ({
      playwright,
      launchOptions,
      request,
    }) => {
      test.setTimeout(150_000);
      const slot = await openSlot(request, mode.dates.popup);
      const { context, page, dispose } = await launchWith(playwright, launchOptions, mode.controls);
      try {
        await page.goto(`${HOST}/popup`);
        const button = page.getByRole("button", { name: "Book a call" });
        await button.click();
        const dialog = page.getByRole("dialog", { name: "Book a consultation" });
        await expect(dialog).toBeVisible();
        const frame = embedFrame(page);
        await expect(frame.getByRole("heading", { name: "Pick a date" })).toBeVisible();
        expect(await frameCanKeepCookie(page)).toBe(mode.controls === 0);
        await expectSizedToContent(page);
        await expectNoAxeViolations(page, "host page with the popup open");
        // The page behind is inert: tabbing never reaches it.
        for (let i = 0; i < 4; i++) {
          await page.keyboard.press("Tab");
          await expect(page.locator("#after")).not.toBeFocused();
          await expect(button).not.toBeFocused();
        }
        // Escape inside the frame closes the popup too; focus goes back to the button.
        await frame.getByRole("button", { name: "Next month" }).focus();
        await page.keyboard.press("Escape");
        await expect(dialog).toBeHidden();
        await expect(button).toBeFocused();
        await expect.poll(async () => (await events(page)).map((e) => e.type)).toEqual(["booking:closed"]);

        await button.click();
        await expect(dialog).toBeVisible();
        await bookInFrame(page, slot, { reselect: false });
        await expectBookingEvents(page, slot, "book");
        await dialog.getByRole("button", { name: "Close booking" }).click();
        await expect(dialog).toBeHidden();
        await expect(button).toBeFocused();
        await expectNoAppCookies(context);
      } finally {
        await dispose();
      }
    });
  });
}
