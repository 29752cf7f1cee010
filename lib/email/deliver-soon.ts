import "server-only";
import { after } from "next/server";
import { errorDetail, log } from "@/lib/log";
import { sendDueEmails } from "./sender";

// An email a visitor's or an admin's action queues goes out as soon as the response is sent
// (on Vercel, `after` keeps the function alive for it through waitUntil), not at the next
// cron run, which on Vercel's Hobby plan can be a day away (docs/deploying.md). The jobs stay
// the safety net: a send that fails here is retried by them like any other.
// Outside a request (scripts, tests, the built-in scheduler) `after` throws and nothing is
// scheduled; those callers send themselves or leave it to the jobs.

/** Schedules one outbox delivery pass for after the current response. */
export function deliverQueuedEmailsAfterResponse(): void {
  try {
    after(async () => {
      try {
        await sendDueEmails({ maxBatches: 2 });
      } catch (error) {
        log("warn", "email.deliver_after_response_failed", { error: errorDetail(error) });
      }
    });
  } catch {
    // Not inside a request: nothing to wait for.
  }
}
