// Main-thread blocking while a page loads, observed rather than simulated: Chromium with its CPU
// slowed 4× (as Lighthouse's mobile profile assumes), the page's long tasks from a
// PerformanceObserver, and the blocking time (each long task's part beyond 50 ms, summed from
// navigation to 2.5 s after load). Lighthouse's scores move ±5 points run to run on this host;
// this figure moves less (6–13 % between runs), so it is the one a change to /contact's hydration is judged by.
// Builds are served side by side and measured alternately, so load drift falls on all alike:
//   npx next build && BENCH_COMPARE_DIST=.next-before BENCH_DATABASE_URL=postgresql://… npx tsx bench/blocking-time.ts
import { chromium, type Browser } from "@playwright/test";
import { createBenchDatabase, fmt, median, startBuilds } from "./lib/app-server";
import { seedAvailabilityData } from "./lib/seed";

const RUNS = Number(process.env.BENCH_BLOCKING_RUNS ?? 10);
const PAGES = ["/contact", "/demo-room/zoom"];

type Sample = { blockingMs: number; longTasks: number; longestMs: number };

async function sample(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  try {
    await context.addInitScript(() => {
      const seen: number[] = [];
      (window as unknown as { __longTasks: number[] }).__longTasks = seen;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push(e.duration))).observe({
        type: "longtask",
        buffered: true,
      });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(2500);
    const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    return {
      blockingMs: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      longTasks: tasks.length,
      longestMs: Math.max(0, ...tasks),
    };
  } finally {
    await context.close();
  }
}

export async function blockingTimeBench(): Promise<Record<string, unknown>> {
  const db = await createBenchDatabase();
  const apps = await startBuilds(db.url, Number(process.env.BENCH_PORT ?? 3210));
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    await seedAvailabilityData(db.url);
    const samples = new Map<string, Sample[]>();
    // One warm-up round (the servers' first renders), then RUNS rounds, builds alternating.
    for (let run = 0; run <= RUNS; run++)
      for (const path of PAGES)
        for (const app of apps) {
          const s = await sample(browser, `${app.url}${path}`);
          const key = `${app.label} ${path}`;
          if (run > 0) samples.set(key, [...(samples.get(key) ?? []), s]);
        }
    console.log(`blocking time (Chromium, CPU 4x slower, median of ${RUNS} loads):`);
    const out: Record<string, unknown> = {};
    const floor = (label: string) => median(samples.get(`${label} /demo-room/zoom`)!.map((s) => s.blockingMs));
    for (const [key, all] of samples) {
      const blocking = median(all.map((s) => s.blockingMs));
      const label = key.slice(0, key.lastIndexOf(" "));
      console.log(
        `  ${key.padEnd(32)} blocking ${fmt(blocking, 0)} ms  long tasks ${median(all.map((s) => s.longTasks))}  longest ${fmt(median(all.map((s) => s.longestMs)), 0)} ms  (runs: ${all.map((s) => fmt(s.blockingMs, 0)).join(", ")})${key.endsWith("/contact") ? `  /contact − floor ${fmt(blocking - floor(label), 0)} ms` : ""}`,
      );
      out[key] = { blockingMs: blocking, runs: all };
    }
    return out;
  } finally {
    await browser.close();
    await Promise.all(apps.map((a) => a.stop()));
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await blockingTimeBench();
