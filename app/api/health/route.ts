import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** Liveness plus a database round trip. */
export async function GET() {
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return NextResponse.json({ ok: true });
  } catch (error) {
    return errorResponse(error, "GET /api/health");
  }
}
