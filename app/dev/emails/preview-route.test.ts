import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { GET } from "./[template]/route";

const get = (name: string, query = "") =>
  GET(new Request(`http://localhost/dev/emails/${name}${query}`), { params: Promise.resolve({ template: name }) });

afterEach(() => {
  (process.env as Record<string, string>).NODE_ENV = "test";
  resetEnvCache();
});

describe("GET /dev/emails/[template]", () => {
  it("renders a template's preview as HTML or plain text", async () => {
    const html = await get("booking-confirmed");
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(await html.text()).toContain("Your consultation is confirmed");
    const text = await (await get("booking-confirmed", "?format=text")).text();
    expect(text).toMatch(/^Subject: Confirmed: your consultation on /);
  });

  it("serves the invitation a kind would carry, from sample data", async () => {
    const ics = await get("booking-cancelled", "?format=ics");
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    expect(await ics.text()).toContain("METHOD:CANCEL");
    expect(ics.headers.get("content-disposition")).toBe('attachment; filename="cancel.ics"');
    expect((await get("booking-reminder", "?format=ics")).status).toBe(404);
  });

  it("is 404 for unknown templates, and for every template in production", async () => {
    expect((await get("nope")).status).toBe(404);
    (process.env as Record<string, string>).NODE_ENV = "production";
    resetEnvCache();
    expect((await get("booking-confirmed")).status).toBe(404);
  });
});
