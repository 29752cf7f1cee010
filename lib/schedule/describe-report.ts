import { formatWhen } from "@/lib/format";
import type { SyncReport } from "./sync";

// One wording of a sync's outcome for the admin page and the seed script.

const STATUS_WORDS: Record<string, string> = {
  PENDING_PAYMENT: "held",
  CONFIRMED: "confirmed",
  COMPLETED: "completed",
  NO_SHOW: "no-show",
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeKept(report: Pick<SyncReport, "kept">, timeZone: string): string[] {
  return report.kept.map((k) => `${formatWhen(k.startsAt, timeZone)} (${k.name}, ${STATUS_WORDS[k.status] ?? k.status.toLowerCase()})`);
}

export function describeSyncReport(report: SyncReport, mode: "preview" | "done", timeZone = "UTC"): string {
  const preview = mode === "preview";
  const parts = [
    `${preview ? "This will create" : "Created"} ${plural(report.created, "slot")}`,
    `${preview ? "close" : "closed"} ${report.closed}${report.deleted ? ` (${report.deleted} never booked, so removed)` : ""}`,
  ];
  if (report.reopened) parts.push(`${preview ? "reopen" : "reopened"} ${report.reopened}`);
  if (report.updated) parts.push(`${preview ? "update" : "updated"} the fee or methods of ${report.updated}`);
  let text = parts.join(", ");
  if (report.blocked) text += `; ${plural(report.blocked, "time")} overlapping an existing slot ${preview ? "will be" : "were"} skipped`;
  if (report.kept.length) {
    const what = report.kept.length === 1 ? "booked slot no longer fits" : "booked slots no longer fit";
    text += `; ${report.kept.length} ${what} and ${preview ? "will be" : "were"} kept: `;
    text += describeKept(report, timeZone).join("; ");
  }
  return `${text}.`;
}
