import { NextResponse } from "next/server";

// Trivial static JSON: the baseline the availability benchmark compares against.
export const dynamic = "force-static";

export function GET() {
  return NextResponse.json({ ok: true });
}
