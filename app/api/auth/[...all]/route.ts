import { toNextJsHandler } from "better-auth/next-js";
import { NextResponse } from "next/server";
import { getAuth } from "@/lib/auth/auth";
import { errorResponse } from "@/lib/http/responses";

// better-auth's HTTP endpoints, narrowed to what the admin needs: reading the session
// and signing out. Sign-in goes through the login server action (rate-limited in
// Postgres); sign-up, password reset and account endpoints are not exposed at all.
const ALLOWED = new Set(["GET /api/auth/get-session", "POST /api/auth/sign-out", "GET /api/auth/ok"]);

const handlers = toNextJsHandler(async (request: Request) => {
  const key = `${request.method} ${new URL(request.url).pathname.replace(/\/+$/, "")}`;
  if (!ALLOWED.has(key)) return NextResponse.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  try {
    // better-auth answers its own failures; this catches what it throws (or building it,
    // e.g. when the database is unreachable) so the client only sees the generic body.
    return await (await getAuth()).handler(request);
  } catch (error) {
    return errorResponse(error, "auth");
  }
});

export const { GET, POST } = handlers;
