import { describe, expect, it } from "vitest";
import { visitorDetailsSchema } from "./schemas";

const valid = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  company: "Analytical Engines",
  phone: "+1 555 010 0199",
  notes: "Line one\nLine two",
};

describe("visitorDetailsSchema", () => {
  it.each([
    ["name", "Ada\tLovelace"],
    ["name", "Ada\nLovelace"],
    ["name", "Ada\rLovelace"],
    ["name", "Ada\u0085Lovelace"],
    ["name", "Ada\u2028Lovelace"],
    ["company", "Acme\r\nEvil"],
    ["company", "Acme\tCo"],
    ["phone", "+1 555\n010 0199"],
  ])("refuses a control character in %s (%j) with a clear message", (field, value) => {
    const result = visitorDetailsSchema.safeParse({ ...valid, [field]: value });
    expect(result.success).toBe(false);
    const message = result.error!.issues.find((i) => i.path[0] === field)!.message;
    expect(message).toMatch(/cannot contain line breaks, tabs or other control characters/);
  });

  it("still accepts line breaks and tabs in notes, and quotes and punctuation in names", () => {
    const result = visitorDetailsSchema.safeParse({ ...valid, name: 'Robert "Bob" O\'Brien; Jr.', notes: "a\r\nb\tc" });
    expect(result.success).toBe(true);
  });

  it("refuses other control characters in notes", () => {
    expect(visitorDetailsSchema.safeParse({ ...valid, notes: "a\u0000b" }).success).toBe(false);
  });
});
