import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// The README's test command must never report green with the browser tests skipped.
// The installers are replaced by scripts on PATH that record their calls.

let dir: string;
let bin: string;
let browsers: string;
let calls: string;

function fakeCommand(name: string, body: string) {
  const file = join(bin, name);
  writeFileSync(file, `#!/usr/bin/env bash\necho "${name} $*" >> "${calls}"\n${body}\n`);
  chmodSync(file, 0o755);
}

function run(chromiumPath = join(dir, "no-chromium")) {
  const result = spawnSync("bash", ["scripts/ensure-chromium.sh"], {
    encoding: "utf8",
    env: { ...process.env, PATH: `${bin}:/usr/bin:/bin`, CHROMIUM_PATH: chromiumPath, PLAYWRIGHT_BROWSERS_PATH: browsers },
  });
  return { status: result.status, stderr: result.stderr, calls: existsSync(calls) ? readFileSync(calls, "utf8") : "" };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ensure-chromium-"));
  bin = join(dir, "bin");
  browsers = join(dir, "browsers");
  calls = join(dir, "calls.log");
  mkdirSync(bin);
  mkdirSync(browsers);
  fakeCommand("apt-get", "exit 1");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("scripts/ensure-chromium.sh", () => {
  it("does nothing when a system Chromium exists", () => {
    const chromium = join(dir, "chromium");
    writeFileSync(chromium, "#!/bin/sh\n");
    chmodSync(chromium, 0o755);
    fakeCommand("npx", "exit 1");
    const result = run(chromium);
    expect(result.status).toBe(0);
    expect(result.calls).toBe("");
  });

  it("installs Playwright's Chromium when the system has none", () => {
    fakeCommand("npx", `mkdir -p "${browsers}/chromium-1234"`);
    const result = run();
    expect(result.status).toBe(0);
    expect(result.calls).toContain("npx --no-install playwright install chromium");
  });

  it("stops with a clear message and a non-zero exit when nothing installs", () => {
    fakeCommand("npx", "exit 1");
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("the browser tests were not run");
    expect(result.stderr).toContain("apt-get install -y chromium");
  });

  it("does not count an installer that succeeds without leaving a browser", () => {
    fakeCommand("npx", "exit 0");
    expect(run().status).toBe(1);
  });
});
