export const PAGE_SIZE = 25;

export type Page<T> = { rows: T[]; total: number; page: number; pageCount: number };

/** Clamps the requested page to what exists and gives Prisma's skip/take. */
export function pageOf(requested: number, total: number, pageSize = PAGE_SIZE) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pageCount);
  return { page, pageCount, skip: (page - 1) * pageSize, take: pageSize };
}
