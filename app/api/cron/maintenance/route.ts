import { cronRoute } from "@/lib/jobs/cron-auth";
import { runMaintenance } from "@/lib/jobs/maintenance";

export const dynamic = "force-dynamic";

/** Vercel Cron: expire holds, send the outbox, retry refunds, capture due fees, prune rate limits. */
export async function GET(request: Request) {
  return cronRoute(request, "maintenance", () => runMaintenance());
}
