// What both calendar fakes share: events with an optional simple recurrence, expanded into
// occurrences the way the real services do before answering busy queries.

export type FakeRecurrence = { everyDays: number; count: number };

export function occurrences(
  start: Date,
  end: Date,
  recurrence: FakeRecurrence | undefined,
  range: { start: Date; end: Date },
): { start: Date; end: Date }[] {
  const result: { start: Date; end: Date }[] = [];
  const count = recurrence?.count ?? 1;
  const step = (recurrence?.everyDays ?? 0) * 86_400_000;
  for (let i = 0; i < count; i++) {
    const s = new Date(start.getTime() + i * step);
    const e = new Date(end.getTime() + i * step);
    if (s < range.end && e > range.start) result.push({ start: s, end: e });
  }
  return result;
}

/** RFC 3339 with a fixed offset such as "+01:00", as Google writes times in a calendar's zone. */
export function withOffset(date: Date, offset: string): string {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!match) return date.toISOString();
  const minutes = (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  const shifted = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, 19);
  return `${shifted}${offset}`;
}
