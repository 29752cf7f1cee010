import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDbKind } from "@/tests/helpers/test-db";
import { createPrismaClient } from "./client";
import { ensureEmbeddedDatabase } from "./embedded";

// The embedded folder has one owner process; everybody else connects to it. These tests
// run real processes: an app-like owner writing continuously while the seed script runs.

type Run = { code: number | null; stdout: string; stderr: string };

type Started = { child: ChildProcess; done: Promise<Run>; output: () => string };

function start(args: string[], dataDir: string): Started {
  const child = spawn("npx", ["tsx", ...args], {
    cwd: process.cwd(),
    env: { ...process.env, EMBEDDED_DB_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn", NODE_ENV: "development" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
  return { child, done, output: () => stdout };
}

async function waitFor(process: Started, text: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!process.output().includes(text)) {
    if (process.child.exitCode !== null || Date.now() > deadline) throw new Error(`no "${text}" in: ${process.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function countSlots(dataDir: string): Promise<number> {
  const handle = await ensureEmbeddedDatabase(dataDir, "script");
  const db = createPrismaClient(handle.url);
  try {
    return await db.slot.count();
  } finally {
    await db.$disconnect();
    await handle.close();
  }
}

const created = (run: Run) => Number(/Created (\d+) slots/.exec(run.stdout)?.[1] ?? NaN);

describe.skipIf(testDbKind() !== "pglite")("embedded database shared by several processes", () => {
  it("loses no writes when the seed script runs while the app owns the folder", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "emb-")), "pglite");
    const owner = start(["tests/helpers/embedded-owner.ts", "40"], dir);
    await waitFor(owner, "READY");
    const seed = await start(["scripts/seed-slots.ts", "--days", "14"], dir).done;
    expect(seed.code, seed.stderr).toBe(0);
    expect(created(seed)).toBeGreaterThan(0);
    await waitFor(owner, "WROTE");
    owner.child.stdin!.write("stop\n");
    expect((await owner.done).code).toBe(0);
    expect(existsSync(`${dir}.owner.json`)).toBe(false);
    expect(await countSlots(dir)).toBe(40 + created(seed));
  }, 120_000);

  it("serialises two scripts started together: the second waits for the first", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "emb-")), "pglite");
    const [morning, afternoon] = await Promise.all([
      start(["scripts/seed-slots.ts", "--days", "10", "--start-hour", "8", "--end-hour", "12"], dir).done,
      start(["scripts/seed-slots.ts", "--days", "10", "--start-hour", "13", "--end-hour", "17"], dir).done,
    ]);
    expect(morning.code, morning.stderr).toBe(0);
    expect(afternoon.code, afternoon.stderr).toBe(0);
    expect(await countSlots(dir)).toBe(created(morning) + created(afternoon));
  }, 120_000);

  it("reclaims the folder from an owner that crashed", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "emb-")), "pglite");
    const first = await start(["scripts/seed-slots.ts", "--days", "3"], dir).done;
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(`${dir}.owner.json`, JSON.stringify({ pid: 999_999, port: 1, role: "server", startedAt: "x" }));
    const second = await start(["scripts/seed-slots.ts", "--days", "3"], dir).done;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Created 0 slots; \d+ already existed/);
  }, 120_000);

  it("exits non-zero on bad arguments without touching the database", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "emb-")), "pglite");
    const run = await start(["scripts/seed-slots.ts", "--end-hour", "5"], dir).done;
    expect(run.code).toBe(2);
    expect(
      run.stderr
        .trim()
        .split("\n")
        .filter((l) => l.startsWith("seed-slots:")),
    ).toEqual(["seed-slots: --end-hour must be after --start-hour"]);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);
});
