import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

// The existing production build as a child process, for benchmarks and process tests:
// through `npm start` (scripts/start.ts, the way it is deployed off Vercel) by default, or
// plain `next start` for comparison. The caller passes every setting the server needs (database, secrets);
// nothing is inherited from a test's NODE_ENV.

export function productionBuildDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

export function hasProductionBuild(): boolean {
  return existsSync(`${productionBuildDir()}/BUILD_ID`);
}

function ensureBuilt(): void {
  const dir = productionBuildDir();
  if (!hasProductionBuild()) throw new Error(`No production build in ${dir}: run \`npx next build\` first.`);
}

export type ProductionServer = {
  url: string;
  /** Every line the server wrote (stdout and stderr), when started with captureOutput. */
  lines: string[];
  stop: () => Promise<void>;
};

/** `npm-start` is scripts/start.ts (it pins the client address, see TRUST_PROXY); `next-start` is Next's own CLI. */
export type ProductionServerKind = "npm-start" | "next-start";

export async function startProductionServer(options: {
  port: number;
  server?: ProductionServerKind;
  env: Record<string, string>;
  captureOutput?: boolean;
  readyTimeoutMs?: number;
}): Promise<ProductionServer> {
  ensureBuilt();
  const url = `http://127.0.0.1:${options.port}`;
  const lines: string[] = [];
  const [bin, args] =
    (options.server ?? "npm-start") === "npm-start"
      ? ["node_modules/.bin/tsx", ["scripts/start.ts"]]
      : ["node_modules/.bin/next", ["start"]];
  // Own process group, so stopping it also stops the processes it forks.
  const child: ChildProcess = spawn(bin, [...args, "-H", "127.0.0.1", "-p", String(options.port)], {
    detached: true,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", APP_URL: url, ...options.env },
    stdio: ["ignore", options.captureOutput ? "pipe" : "ignore", options.captureOutput ? "pipe" : "inherit"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      lines.push(...parts);
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A test runner that exits (or is interrupted) without stop() must not leave it running.
  const killOnExit = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", killOnExit);
  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      return;
    }
    const killer = setTimeout(killOnExit, 5000);
    await exited;
    clearTimeout(killer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`${options.server ?? "npm-start"} on port ${options.port} did not become healthy:\n${lines.slice(-20).join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url, lines, stop };
}
