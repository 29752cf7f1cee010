import "server-only";
import { after } from "next/server";
import { errorDetail, log } from "@/lib/log";
import { sendDueEmails } from "@/lib/email/sender";

/**
 * After the response is sent, delivers what the request just queued (confirmation,
 * cancellation…) instead of waiting for the next scheduler or cron run. Safe to run next to
 * them: rows are claimed atomically. A failure here only leaves the row for the next run.
 */
export function deliverEmailsSoon(): void {
  try {
    after(async () => {
      try {
        await sendDueEmails({ maxBatches: 1 });
      } catch (error) {
        log("warn", "email.deliver_soon_failed", { error: errorDetail(error) });
      }
    });
  } catch {
    // Outside a request (a script or a test calling a handler directly): the scheduled
    // outbox run delivers it instead.
  }
}
