// Recognises database errors by the constraint that raised them. Prisma 7 reports unique
// violations as P2002 with the constraint under meta.driverAdapterError.cause, shaped
// differently by pg and PGlite, so the error text is searched as a fallback.

type ErrorLike = { code?: unknown; message?: unknown; meta?: unknown };

function describe(error: unknown): string {
  if (!error || typeof error !== "object") return String(error);
  const e = error as ErrorLike;
  let meta = "";
  try {
    meta = JSON.stringify(e.meta ?? "");
  } catch {
    meta = "";
  }
  return `${String(e.message ?? "")} ${meta}`;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as ErrorLike).code;
  const text = describe(error);
  const unique = code === "P2002" || code === "23505" || text.includes("23505") || /unique constraint/i.test(text);
  return unique && (!constraint || text.includes(constraint));
}

/** Check and exclusion constraints (23514, 23P01). */
export function isConstraintViolation(error: unknown, constraint: string): boolean {
  return describe(error).includes(constraint);
}
