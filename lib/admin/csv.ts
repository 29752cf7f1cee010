import { PHONE_PATTERN } from "@/lib/booking/detail-limits";

// CSV for spreadsheets (ADR 057). Every cell is quoted, so a spreadsheet reading the file
// with `;` or tab as its separator (German, French Excel) still sees one cell. A formula is
// neutralised with an apostrophe wherever a spreadsheet could start a cell: at the start
// (= + - @, or a tab / carriage return, OWASP's list) and after a `,` `;` or tab inside the
// cell (optionally behind spaces or a quote), which "Text to Columns" or a separator that
// ignores quotes would split on.

export type CsvValue = string | number | boolean | null | undefined;

const LEADING = /^[=+\-@\t\r]/;
const AFTER_SEPARATOR = /(^|[,;\t])([\s"]*)(?=[=+\-@])/g;

function neutralise(text: string): string {
  const prefixed = LEADING.test(text) ? `'${text}` : text;
  return prefixed.replace(AFTER_SEPARATOR, "$1$2'");
}

export function csvCell(value: CsvValue): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? neutralise(value) : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A phone number starting with `+` would be read as a formula, and an apostrophe in front
 * shows in the cell. As an RFC 3966 `tel:` URI it stays text everywhere and dialable.
 */
export function csvPhone(phone: string | null): string | null {
  if (!phone || !phone.startsWith("+") || !PHONE_PATTERN.test(phone)) return phone;
  return `tel:${phone.trim().replace(/\s+/g, "-")}`;
}

/** RFC 4180 lines with a BOM, so Excel reads UTF-8 names correctly. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
