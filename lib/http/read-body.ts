import "server-only";
import { AppError } from "@/lib/errors/app-error";

// Request bodies are read against a byte cap, never whole first: a declared
// Content-Length over the cap is refused before a byte is read, and a chunked body is
// counted as it streams in and cancelled the moment it passes the cap (ADR 050).

/** JSON bodies of the public API: the largest valid booking request is a few kB. */
export const JSON_BODY_LIMIT_BYTES = 64 * 1024;
/** Stripe events are well under this; Stripe documents no larger payload. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

function tooLarge(limitBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is too large (at most ${Math.round(limitBytes / 1024)} kB).`);
}

/**
 * Cancels a body the handler answered without reading, so the server drops the connection's
 * remaining upload instead of draining it (Node reads and discards an unread body to keep
 * the connection alive, however large it is).
 */
export async function discardUnreadBody(request: Request): Promise<void> {
  if (!request.bodyUsed) await request.body?.cancel().catch(() => undefined);
}

/** The body as bytes, or a 413 AppError once it passes `limitBytes`. */
export async function readBodyBytes(request: Request, limitBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limitBytes) {
    // Not read at all; cancelling tells the server it may drop the rest.
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(limitBytes);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text (as request.text() decodes it), bounded like readBodyBytes. */
export async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limitBytes));
}
