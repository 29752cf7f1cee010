import "server-only";
import { createSign } from "node:crypto";

// A Google service-account assertion (RFC 7523 JWT bearer), signed RS256 with node:crypto
// so no Google SDK is needed.

export type ServiceAccount = { clientEmail: string; privateKey: string };

const base64url = (input: string | Buffer) => Buffer.from(input).toString("base64url");

/**
 * GOOGLE_SERVICE_ACCOUNT_KEY may be the downloaded JSON key file or just its PEM private
 * key (with "\n" escapes, as env files tend to hold it).
 */
export function parseServiceAccount(key: string, email: string | undefined): ServiceAccount | undefined {
  const trimmed = key.trim();
  if (trimmed.startsWith("{")) {
    try {
      const json = JSON.parse(trimmed) as { client_email?: string; private_key?: string };
      const clientEmail = email ?? json.client_email;
      return clientEmail && json.private_key ? { clientEmail, privateKey: json.private_key } : undefined;
    } catch {
      return undefined;
    }
  }
  return email ? { clientEmail: email, privateKey: trimmed.replace(/\\n/g, "\n") } : undefined;
}

export function signServiceAccountJwt(
  account: ServiceAccount,
  claims: { scope: string; audience: string; subject?: string },
  now = new Date(),
): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({
      iss: account.clientEmail,
      scope: claims.scope,
      aud: claims.audience,
      iat,
      exp: iat + 3600,
      ...(claims.subject ? { sub: claims.subject } : {}),
    }),
  );
  const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(account.privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}
