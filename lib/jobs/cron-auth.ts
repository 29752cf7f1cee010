import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/responses";
import { recordedJobRun, type ScheduledJob } from "./job-runs";

// Vercel Cron sends `Authorization: Bearer $CRON_SECRET`. Without CRON_SECRET nothing is
// authorised: an unset secret must not open the job routes to anyone.

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

export function isAuthorizedCronRequest(request: Request): boolean {
  const secret = env().CRON_SECRET;
  const header = request.headers.get("authorization");
  if (!secret || !header) return false;
  // Equal-length digests, so the comparison takes the same time whatever was sent.
  return timingSafeEqual(digest(header), digest(`Bearer ${secret}`));
}

/** A cron route: 401 unless authorised, then the job's summary as JSON. */
export async function cronRoute(request: Request, name: ScheduledJob, job: () => Promise<unknown>): Promise<NextResponse> {
  if (!isAuthorizedCronRequest(request)) {
    return NextResponse.json({ error: { code: "unauthorized", message: "Unauthorized" } }, { status: 401 });
  }
  try {
    return NextResponse.json({ ok: true, job: name, result: await recordedJobRun(name, job) });
  } catch (error) {
    return errorResponse(error, `cron ${name}`);
  }
}
