import "server-only";
import { configurationProblems } from "@/lib/env";
import { errorDetail, log } from "@/lib/log";
import { getDb } from "./index";

// What /api/health reports: whether this server can serve requests. The answer names
// which part failed, never why (no variable, host or secret); the log has the detail.

export type CheckResult = "ok" | "failed" | "skipped";
export type HealthReport = { ok: boolean; checks: { configuration: CheckResult; database: CheckResult } };

export async function checkHealth(): Promise<HealthReport> {
  const problems = configurationProblems();
  if (problems.length > 0) {
    log("error", "health.configuration_unusable", { problems });
    // The database settings may be among the problems: not worth trying.
    return { ok: false, checks: { configuration: "failed", database: "skipped" } };
  }
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
  } catch (error) {
    log("error", "health.database_unreachable", { error: errorDetail(error) });
    return { ok: false, checks: { configuration: "ok", database: "failed" } };
  }
  return { ok: true, checks: { configuration: "ok", database: "ok" } };
}
