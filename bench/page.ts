// Page quality of /contact: Lighthouse (mobile profile, Debian Chromium) next to a static
// baseline page served by the same server, and the first-load JavaScript (gzip) of /contact.
//   npx next build && BENCH_DATABASE_URL=postgresql://… npx tsx bench/page.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { createBenchDatabase, fmt, startApp } from "./lib/app-server";
import { seedAvailabilityData } from "./lib/seed";

const run = promisify(execFile);
const CHROME_FLAGS =
  "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run";

type Scores = { performance: number; accessibility: number; bestPractices: number; lcpMs: number; tbtMs: number };

async function lighthouse(url: string): Promise<Scores> {
  const { stdout } = await run(
    "node_modules/.bin/lighthouse",
    [url, `--chrome-flags=${CHROME_FLAGS}`, "--output=json", "--output-path=stdout", "--quiet", "--only-categories=performance,accessibility,best-practices"],
    { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" }, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(stdout) as {
    categories: Record<string, { score: number }>;
    audits: Record<string, { numericValue?: number }>;
  };
  return {
    performance: Math.round(report.categories.performance!.score * 100),
    accessibility: Math.round(report.categories.accessibility!.score * 100),
    bestPractices: Math.round(report.categories["best-practices"]!.score * 100),
    lcpMs: report.audits["largest-contentful-paint"]?.numericValue ?? NaN,
    tbtMs: report.audits["total-blocking-time"]?.numericValue ?? NaN,
  };
}

/** Gzipped bytes of every script the page loads on first paint. */
async function firstLoadJsGzip(appUrl: string, path: string): Promise<number> {
  const html = await (await fetch(`${appUrl}${path}`)).text();
  // Modern browsers skip the noModule polyfill script, so it is not counted.
  const sources = [...html.matchAll(/<script([^>]*)src="([^"]+)"/g)].filter((m) => !/nomodule/i.test(m[1]!)).map((m) => m[2]!);
  let total = 0;
  for (const src of new Set(sources)) {
    const body = Buffer.from(await (await fetch(new URL(src, appUrl))).arrayBuffer());
    total += gzipSync(body, { level: 9 }).length;
  }
  return total;
}

export async function pageBench(): Promise<Record<string, unknown>> {
  const db = await createBenchDatabase();
  const app = await startApp(db.url, Number(process.env.BENCH_PORT ?? 3202));
  try {
    await seedAvailabilityData(db.url);
    const baseline = await lighthouse(`${app.url}/lighthouse-baseline.html`);
    const contact = await lighthouse(`${app.url}/contact`);
    const jsBytes = await firstLoadJsGzip(app.url, "/contact");
    const line = (name: string, s: Scores) =>
      `  ${name.padEnd(9)} performance ${s.performance}  accessibility ${s.accessibility}  best-practices ${s.bestPractices}  LCP ${fmt(s.lcpMs, 0)} ms  TBT ${fmt(s.tbtMs, 0)} ms`;
    console.log("page (Lighthouse, mobile):");
    console.log(line("baseline", baseline));
    console.log(line("/contact", contact));
    console.log(`  performance ratio /contact : baseline = ${fmt(contact.performance / baseline.performance, 2)}`);
    console.log(`  first-load JS of /contact: ${fmt(jsBytes / 1024, 1)} kB gzip`);
    const ok = contact.performance >= 95 && contact.accessibility === 100 && jsBytes <= 150 * 1024;
    console.log(`  target (performance >= 95, accessibility 100, JS <= 150 kB gz): ${ok ? "met" : "MISSED"}`);
    return { baseline, contact, jsBytes };
  } finally {
    await app.stop();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await pageBench();
