// Security headers for every page. Pure, so the policy is unit-tested; proxy.ts applies it
// with a fresh nonce per request. Scripts run only with that nonce ('strict-dynamic' lets
// Next's own chunks load): no 'unsafe-inline' for scripts. Stripe's domains are allowed
// only when Stripe is configured.

export type HeaderContext = {
  nonce: string;
  stripe: boolean;
  production: boolean;
  development: boolean;
  /**
   * Only for the embed pages (/embed…): the origins allowed to frame them (EMBED_ALLOWED_ORIGINS,
   * already validated by lib/security/embed-origins). Absent: framing is refused everywhere.
   */
  embedAncestors?: readonly string[];
};

/** frame-ancestors: the embed's allowed origins (none listed is still 'none'), else 'none'. */
function frameAncestors(ctx: HeaderContext): string[] {
  return ctx.embedAncestors && ctx.embedAncestors.length > 0 ? [...ctx.embedAncestors] : ["'none'"];
}

const STRIPE = {
  script: ["https://js.stripe.com"],
  connect: ["https://api.stripe.com", "https://m.stripe.network", "https://q.stripe.com"],
  frame: ["https://js.stripe.com", "https://hooks.stripe.com"],
  img: ["https://*.stripe.com"],
};

export function contentSecurityPolicy(ctx: HeaderContext): string {
  const extra = (list: string[]) => (ctx.stripe ? list : []);
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // React's development build needs eval for stack traces; never in production.
    "script-src": [
      "'self'",
      `'nonce-${ctx.nonce}'`,
      "'strict-dynamic'",
      ...extra(STRIPE.script),
      ...(ctx.development ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...extra(STRIPE.img)],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...extra(STRIPE.connect), ...(ctx.development ? ["ws:"] : [])],
    "frame-src": ctx.stripe ? STRIPE.frame : ["'none'"],
    "frame-ancestors": frameAncestors(ctx),
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

export function securityHeaders(ctx: HeaderContext): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(ctx),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    // X-Frame-Options cannot name origins; an embed page relies on frame-ancestors alone.
    ...(ctx.embedAncestors?.length ? {} : { "X-Frame-Options": "DENY" }),
    "Permissions-Policy": 'camera=(), microphone=(), geolocation=(), payment=(self "https://js.stripe.com")',
    ...(ctx.production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
