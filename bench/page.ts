// Page quality of /contact: Lighthouse (mobile profile, Debian Chromium) next to two baselines
// served by the same server (a static HTML page, and an App Router page with no client code of
// ours: the framework's floor), and the first-load JavaScript (gzip) of /contact.
//   npx next build && BENCH_DATABASE_URL=postgresql://… npx tsx bench/page.ts
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { createBenchDatabase, fmt, median, startBuilds } from "./lib/app-server";
import { seedAvailabilityData } from "./lib/seed";

const run = promisify(execFile);
const CHROME_FLAGS =
  "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run";

type Scores = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  tbtMs: number;
  /** Lighthouse's measure of this host's CPU (environment.benchmarkIndex): ~2,140 idle here. */
  benchmarkIndex: number;
};

// Lighthouse scores vary run to run: each page is measured this many times, the median kept.
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
// A folder to keep every run's full report in (traces, LCP element, long tasks), for reading.
const SAVE_DIR = process.env.BENCH_LIGHTHOUSE_SAVE;
let saved = 0;
// The standard profile slows the CPU 4×, whatever the host. On a host much faster than the one
// that factor was chosen for (benchmarkIndex well above ~1,500), BENCH_CPU_SLOWDOWN sets a
// larger one, so a score is also checked at about the CPU the profile means.
const CPU_SLOWDOWN = process.env.BENCH_CPU_SLOWDOWN;

async function lighthouse(url: string): Promise<Scores> {
  const { stdout } = await run(
    "node_modules/.bin/lighthouse",
    [
      url,
      `--chrome-flags=${CHROME_FLAGS}`,
      "--output=json",
      "--output-path=stdout",
      "--quiet",
      "--only-categories=performance,accessibility,best-practices",
      ...(CPU_SLOWDOWN ? [`--throttling.cpuSlowdownMultiplier=${Number(CPU_SLOWDOWN)}`] : []),
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" }, maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(stdout) as {
    categories: Record<string, { score: number }>;
    audits: Record<string, { numericValue?: number }>;
    environment?: { benchmarkIndex?: number };
  };
  if (SAVE_DIR) {
    await mkdir(SAVE_DIR, { recursive: true });
    const name = new URL(url).pathname.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "root";
    await writeFile(path.join(SAVE_DIR, `${String(++saved).padStart(2, "0")}-${name}.json`), stdout);
  }
  return {
    performance: Math.round(report.categories.performance!.score * 100),
    accessibility: Math.round(report.categories.accessibility!.score * 100),
    bestPractices: Math.round(report.categories["best-practices"]!.score * 100),
    lcpMs: report.audits["largest-contentful-paint"]?.numericValue ?? NaN,
    tbtMs: report.audits["total-blocking-time"]?.numericValue ?? NaN,
    benchmarkIndex: Math.round(report.environment?.benchmarkIndex ?? NaN),
  };
}

type Summary = Scores & { runs: { performance: number; benchmarkIndex: number }[] };

/** The median of each figure over several runs of one page, with every run's score and host index. */
function summarise(all: Scores[]): Summary {
  const pick = (key: keyof Scores) => median(all.map((s) => s[key]));
  return {
    performance: pick("performance"),
    accessibility: pick("accessibility"),
    bestPractices: pick("bestPractices"),
    lcpMs: pick("lcpMs"),
    tbtMs: pick("tbtMs"),
    benchmarkIndex: pick("benchmarkIndex"),
    runs: all.map((s) => ({ performance: s.performance, benchmarkIndex: s.benchmarkIndex })),
  };
}

/** Gzipped bytes of every script the page loads on first paint. */
async function firstLoadJsGzip(appUrl: string, path: string): Promise<number> {
  const html = await (await fetch(`${appUrl}${path}`)).text();
  // Modern browsers skip the noModule polyfill script, so it is not counted (the attribute
  // may come before or after src, so the whole tag is checked).
  const sources = [...html.matchAll(/<script\b[^>]*>/g)]
    .filter((m) => !/\bnomodule\b/i.test(m[0]))
    .map((m) => /\bsrc="([^"]+)"/.exec(m[0])?.[1])
    .filter((src): src is string => Boolean(src));
  let total = 0;
  for (const src of new Set(sources)) {
    const body = Buffer.from(await (await fetch(new URL(src, appUrl))).arrayBuffer());
    total += gzipSync(body, { level: 9 }).length;
  }
  return total;
}

const PAGES = [
  { name: "static", path: "/lighthouse-baseline.html" },
  // The framework's floor: a page of this app rendered by the App Router with no client
  // component of ours (it still loads and hydrates React and the Next runtime).
  { name: "framework", path: "/demo-room/zoom" },
  { name: "/contact", path: "/contact" },
] as const;

type Build = { label: string; url: string; results: Map<string, Scores[]> };

const line = (name: string, s: Summary) =>
  `  ${name.padEnd(9)} performance ${s.performance}  accessibility ${s.accessibility}  best-practices ${s.bestPractices}  LCP ${fmt(s.lcpMs, 0)} ms  TBT ${fmt(s.tbtMs, 0)} ms  benchmarkIndex ${s.benchmarkIndex}  (runs: ${s.runs.map((r) => `${r.performance}@${r.benchmarkIndex}`).join(", ")})`;

/**
 * Lighthouse on this build, and with BENCH_COMPARE_DIST (other builds' folders, comma-separated,
 * e.g. one made with NEXT_DIST_DIR=.next-before before a change) on those too, served side by side
 * from the same database. Runs alternate between the builds page by page, so a change in the machine's
 * load falls on both alike: that is the before/after of a change.
 */
export async function pageBench(): Promise<Record<string, unknown>> {
  const db = await createBenchDatabase();
  const servers = await startBuilds(db.url, Number(process.env.BENCH_PORT ?? 3202));
  const builds: Build[] = servers.map((app) => ({ label: app.label, url: app.url, results: new Map() }));
  try {
    await seedAvailabilityData(db.url);
    for (let run = 0; run < RUNS; run++)
      for (const page of PAGES)
        for (const build of run % 2 ? [...builds].reverse() : builds) {
          // The static page is the same file in every build: measured once, on this build.
          if (page.name === "static" && build !== builds[0]) continue;
          const all = build.results.get(page.name) ?? [];
          all.push(await lighthouse(`${build.url}${page.path}`));
          build.results.set(page.name, all);
        }
    const out: Record<string, unknown> = {};
    for (const build of builds) {
      const [baseline, framework, contact] = PAGES.map((p) => summarise((build.results.get(p.name) ?? builds[0]!.results.get(p.name))!));
      const jsBytes = await firstLoadJsGzip(build.url, "/contact");
      console.log(
        `page, ${build.label} (Lighthouse, mobile${CPU_SLOWDOWN ? `, CPU ${CPU_SLOWDOWN}x slower` : ""}; median of ${RUNS} runs; score@benchmarkIndex per run):`,
      );
      console.log(line("static", baseline!));
      console.log(line("framework", framework!));
      console.log(line("/contact", contact!));
      console.log(
        `  performance ratio /contact : static = ${fmt(contact!.performance / baseline!.performance, 2)}, /contact : framework floor = ${fmt(contact!.performance / framework!.performance, 2)}`,
      );
      console.log(`  first-load JS of /contact: ${fmt(jsBytes / 1024, 1)} kB gzip`);
      const ok = contact!.performance >= 95 && contact!.accessibility === 100 && jsBytes <= 150 * 1024;
      console.log(`  target (performance >= 95, accessibility 100, JS <= 150 kB gz): ${ok ? "met" : "MISSED"}`);
      out[build.label] = { baseline, framework, contact, jsBytes };
    }
    return out;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await pageBench();
