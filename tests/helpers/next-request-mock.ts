// A stand-in for next/headers and next/cache when server actions are called directly in
// Vitest. Use with:
//   vi.mock("next/headers", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextHeaders));
//   vi.mock("next/cache", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextCache));
import { vi } from "vitest";

let current = new Headers();

/** The headers the next server action (or route) will see. */
export function setRequestHeaders(headers: Headers): void {
  current = headers;
}

export function requestHeaders(): Headers {
  return current;
}

export const nextHeaders = {
  headers: async () => current,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {}, has: () => false }),
};

export const nextCache = { revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn() };
