import { env } from "@/lib/env";

// A visitor request waits on Stripe for a bounded time in total, however many calls and
// SDK retries it takes: the SDK's own timeout is per attempt (15 s × 3 tries = 46 s seen).

export type Deadline = { readonly at: number };

export function deadlineAfter(ms: number, now = Date.now()): Deadline {
  return { at: now + ms };
}

export function remainingMs(deadline: Deadline, now = Date.now()): number {
  return Math.max(0, deadline.at - now);
}

/** The budget of one visitor request (STRIPE_REQUEST_BUDGET_MS), starting now. */
export function visitorDeadline(): Deadline {
  return deadlineAfter(env().STRIPE_REQUEST_BUDGET_MS);
}
