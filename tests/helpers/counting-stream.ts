// An endless request body (a chunked upload that never ends) that counts the chunks
// pulled from it, so a test can prove a reader stopped at its cap and cancelled.
export function endlessBody(chunkBytes = 16 * 1024) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulled += 1;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

export function postRequest(url: string, body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit);
}
