import { cronRoute } from "@/lib/jobs/cron-auth";
import { runRemindersJob } from "@/lib/jobs/reminders";

export const dynamic = "force-dynamic";

/** Vercel Cron: queue due reminders and deliver them. */
export async function GET(request: Request) {
  return cronRoute(request, "reminders", () => runRemindersJob());
}
