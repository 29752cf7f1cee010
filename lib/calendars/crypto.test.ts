import { describe, expect, it } from "vitest";
import { openSecret, sealSecret, SealedSecretError } from "./crypto";

describe("sealed calendar secrets", () => {
  it("round-trips and never contains the plain text", () => {
    const sealed = sealSecret("app-password-123");
    expect(sealed).not.toContain("app-password-123");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(openSecret(sealed)).toBe("app-password-123");
  });

  it("uses a fresh IV each time", () => {
    expect(sealSecret("same")).not.toBe(sealSecret("same"));
  });

  it("refuses a tampered ciphertext", () => {
    const [v, iv, tag, body] = sealSecret("refresh-token").split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret([v, iv, tag, flipped.toString("base64url")].join("."))).toThrow(SealedSecretError);
  });
});
