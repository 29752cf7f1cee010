// Maximum lengths of the visitor's details (they match the database columns). Kept apart
// from schemas.ts so the browser can read them without loading zod up front.
export const DETAIL_LIMITS = { name: 120, email: 254, company: 120, phone: 40, notes: 2000 } as const;

/** What the details form accepts as a phone number. */
export const PHONE_PATTERN = /^[+()\d\s.-]{5,40}$/;
