import { describe, expect, it } from "vitest";
import { oauthNotice } from "./notices";

describe("oauthNotice", () => {
  it("reads the callback's notice for the admin page, and nothing from made-up values", () => {
    expect(oauthNotice({ oauth: "connected", provider: "google" })).toMatchObject({
      tone: "success",
      message: expect.stringContaining("Google"),
    });
    expect(oauthNotice({ oauth: "state", provider: "microsoft" })).toMatchObject({
      tone: "error",
      message: expect.stringContaining("Microsoft"),
    });
    expect(oauthNotice({ oauth: "<script>", provider: "google" })).toBeNull();
    expect(oauthNotice({ oauth: "connected", provider: "evil" })).toBeNull();
    expect(oauthNotice({ oauth: ["connected"], provider: "google" })).toBeNull();
    expect(oauthNotice({})).toBeNull();
  });
});
