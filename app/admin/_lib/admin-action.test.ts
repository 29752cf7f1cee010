import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { adminAction } from "./admin-action";

// The admin forms read the shared ActionResult: these are the three shapes they render.

vi.mock("@/lib/auth/require-admin", () => ({ requireAdminPage: async () => ({ id: "admin-1", email: "admin@example.com" }) }));
vi.mock("@/lib/log", () => ({ log: vi.fn(), errorDetail: (e: unknown) => String(e) }));

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};
const schema = z.object({ name: z.string().min(1, "Enter a name.") });

describe("adminAction results", () => {
  it("a success carries the message and any one-time data", async () => {
    const action = adminAction("test.ok", schema, async (_actor, input) => ({ message: `Saved ${input.name}.`, data: { URL: "x" } }));
    expect(await action(undefined, form({ name: "A" }))).toEqual({ ok: true, message: "Saved A.", data: { URL: "x" } });
    const plain = adminAction("test.plain", schema, async () => "Done.");
    expect(await plain(undefined, form({ name: "A" }))).toEqual({ ok: true, message: "Done." });
  });

  it("a failed parse is validation_failed with field errors, and nothing runs", async () => {
    const run = vi.fn(async () => "never");
    const result = await adminAction("test.invalid", schema, run)(undefined, form({ name: "" }));
    expect(result).toEqual({
      ok: false,
      code: "validation_failed",
      message: "Some fields need attention.",
      fieldErrors: { name: ["Enter a name."] },
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("a typed error keeps its code and message; anything else gets the admin's generic message", async () => {
    const typed = adminAction("test.typed", schema, async () => {
      throw new AppError("refund_not_allowed", "Nothing left to refund.");
    });
    expect(await typed(undefined, form({ name: "A" }))).toEqual({
      ok: false,
      code: "refund_not_allowed",
      message: "Nothing left to refund.",
    });
    const crash = adminAction("test.crash", schema, async () => {
      throw new Error("db password is hunter2");
    });
    expect(await crash(undefined, form({ name: "A" }))).toEqual({
      ok: false,
      code: "internal_error",
      message: "Something went wrong on our side. Nothing was changed; please try again.",
    });
  });
});
