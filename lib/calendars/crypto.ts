import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/env";

// Calendar credentials at rest: AES-256-GCM under a key derived from AUTH_SECRET (HKDF-SHA256,
// info "calendar-credentials"), so the database alone never reveals a refresh token or an
// app password. Sealed form: "v1.<iv>.<tag>.<ciphertext>", base64url parts. Rotating
// AUTH_SECRET makes every sealed secret unreadable: the connections then show as broken.

const VERSION = "v1";
const INFO = "calendar-credentials";

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), Buffer.alloc(0), INFO, 32));
}

export class SealedSecretError extends Error {}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SealedSecretError("Unknown sealed secret format.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new SealedSecretError("The secret cannot be opened (was AUTH_SECRET changed?).", { cause: error });
  }
}
