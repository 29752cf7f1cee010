import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { readBodyText } from "./read-body";
import { readJsonObject } from "./responses";
import { endlessBody, postRequest } from "@/tests/helpers/counting-stream";

const post = (body: BodyInit, headers: Record<string, string> = {}) => postRequest("http://localhost/api/bookings", body, headers);

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("readBodyText", () => {
  it("stops pulling a chunked body at the cap and cancels the stream", async () => {
    const { stream, seen } = endlessBody();
    const error = await rejection(readBodyText(post(stream), 64 * 1024));
    expect(isAppError(error) && error.status).toBe(413);
    // 64 kB is four 16 kB chunks; the fifth passes the cap and nothing more is pulled.
    expect(seen.pulled).toBeLessThanOrEqual(5);
    expect(seen.cancelled).toBe(true);
  });

  it("answers 413 for a Content-Length over the cap without reading anything", async () => {
    const { stream, seen } = endlessBody();
    const request = post(stream, { "content-length": String(300 * 1024 * 1024) });
    const error = await rejection(readBodyText(request, 64 * 1024));
    expect(isAppError(error) && error.status).toBe(413);
    expect(seen.pulled).toBe(0);
  });

  it("reads a body at the cap, byte for byte, multi-byte characters included", async () => {
    const text = "é".repeat(32 * 1024); // 64 kB of UTF-8
    expect(await readBodyText(post(text), 64 * 1024)).toBe(text);
    await expect(readBodyText(post(text + "x"), 64 * 1024)).rejects.toMatchObject({ status: 413 });
  });

  it("reads an empty body as an empty string", async () => {
    expect(await readBodyText(new Request("http://localhost/", { method: "POST" }), 10)).toBe("");
  });

  it("is what readJsonObject (every JSON route) reads through", async () => {
    const { stream, seen } = endlessBody();
    await expect(readJsonObject(post(stream))).rejects.toMatchObject({ status: 413 });
    expect(seen.cancelled).toBe(true);
  });
});
