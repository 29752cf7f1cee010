import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, pinClock, request as playwrightRequest, test, type APIRequestContext } from "./helpers/test";

// The production build behind `npm start`, with TRUST_PROXY unset (none, the default off
// Vercel) and low limits, on a server of its own so its spent limits cannot touch the
// other specs. A client that writes a new X-Forwarded-For (and X-Real-IP) on every try is
// still counted under its socket address.

const port = Number(process.env.E2E_PORT ?? 3100) + 1;
const base = `http://127.0.0.1:${port}`;
const dataDir = `.data/e2e-${port}`;
const LIMIT = 3;
let server: ChildProcess;
let api: APIRequestContext;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(dataDir, { recursive: true, force: true });
  server = spawn("npm", ["start", "--", "-H", "127.0.0.1", "-p", String(port)], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      EMBEDDED_DB_DIR: `${dataDir}/pglite`,
      APP_URL: base,
      ALLOW_DEMO_PAYMENTS_IN_PRODUCTION: "true",
      SCHEDULER_ENABLED: "false",
      AUTH_SECRET: "e2e-secret-0123456789-0123456789-0123456789",
      TRUST_PROXY: "",
      VERCEL: "",
      RATE_LIMIT_LOGIN_PER_IP: String(LIMIT),
      RATE_LIMIT_LOGIN_PER_ACCOUNT: "1000",
      RATE_LIMIT_HOLDS_PER_IP: String(LIMIT),
      LOG_LEVEL: "error",
    },
  });
  for (const deadline = Date.now() + 150_000; ;) {
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error("the spoofing test's server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  api = await playwrightRequest.newContext({ baseURL: base });
});

test.afterAll(async () => {
  await api?.dispose();
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
});

const spoofed = (i: number) => ({ "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `198.51.100.${i}` });

test("holds: a new X-Forwarded-For per request does not buy more attempts", async () => {
  const statuses: number[] = [];
  for (let i = 1; i <= LIMIT + 2; i++) {
    const response = await api.post("/api/bookings", {
      headers: spoofed(i),
      data: { slotId: randomUUID(), method: "PHONE", name: "Eve", email: `eve${i}@example.com`, phone: "+1 555 0100" },
    });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, LIMIT).every((s) => s !== 429)).toBe(true);
  expect(statuses.slice(LIMIT)).toEqual([429, 429]);
});

test("login: wrong passwords sent under rotating X-Forwarded-For are refused after the limit", async ({ browser }) => {
  const messages: string[] = [];
  for (let i = 1; i <= LIMIT + 1; i++) {
    // A fresh browser each time: no device token, as an attacker's would be.
    const context = await browser.newContext({ baseURL: base, extraHTTPHeaders: spoofed(i) }).then(pinClock);
    const page = await context.newPage();
    await page.goto("/admin/login");
    await page.getByLabel("Email").fill("owner@example.com");
    await page.getByLabel("Password").fill(`guess number ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert").filter({ hasText: /do not match|Too many/ });
    await expect(alert).toBeVisible();
    messages.push((await alert.textContent()) ?? "");
    await context.close();
  }
  expect(messages.slice(0, LIMIT).every((m) => m.includes("do not match"))).toBe(true);
  expect(messages[LIMIT]).toContain("Too many sign-in attempts");
});
