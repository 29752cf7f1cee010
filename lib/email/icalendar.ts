// Writes iCalendar (RFC 5545) text: the one place that escapes and folds, used by the
// emailed invites (./ics.ts) and the admins' calendar feed (lib/admin/calendar-feed-ics.ts).
// Written by hand because the `ics` package put `\"` inside quoted parameters (not valid
// iCalendar, and ical.js then read an attacker's address from a name) and let a bare CR
// through (ADR 055).

export type IcalParams = Record<string, string | null | undefined>;

// Line breaks in any form become LF, which TEXT writes as `\n`. U+2028/2029 count too:
// a JavaScript `.` does not match them, so a parser built on regular expressions (node-ical)
// would silently drop the whole line.
const LINE_BREAKS = /\r\n|[\r\u0085\u2028\u2029]/g;
// RFC 5545 TEXT allows no control character but HTAB (and the LF written as `\n`).
const TEXT_CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** What a TEXT value will read back as: line breaks as LF, no other control character. */
function normaliseText(value: string): string {
  return value.replace(LONE_SURROGATES, "\uFFFD").replace(LINE_BREAKS, "\n").replace(TEXT_CONTROLS, "");
}

/** A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped. */
export function textValue(value: string): string {
  return normaliseText(value).replace(/[\\;,\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`));
}

// Characters a display name in a parameter loses. `"` cannot be escaped there at all, `^`
// and `\` start escapes that some parsers decode there (RFC 6868, or ical.js reading `\n`)
// and others do not, and `;` and `:` are where naive parsers split a line even inside quotes. The name is cosmetic (the address is
// what counts), so dropping them costs little and every parser reads the same name.
const PARAM_UNSAFE = /[\p{Cc}\u2028\u2029"^\\;:]/gu;

/** A parameter value as written (quoted unless a plain token), or null when nothing is left. */
export function paramValue(value: string): string | null {
  const cleaned = value.replace(LONE_SURROGATES, "").replace(PARAM_UNSAFE, "").trim();
  if (!cleaned) return null;
  return /^[A-Za-z0-9-]+$/.test(cleaned) ? cleaned : `"${cleaned}"`;
}

// RFC 3986 characters: a URI value is not escaped, so it may hold nothing else.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;

/** True when `value` can be written as a URI value (URL, mailto:) exactly as it is. */
export function isWritableUri(value: string): boolean {
  return URI.test(value);
}

/** UTC DATE-TIME, e.g. 20260310T140000Z. */
export function utcDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
}

const octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const n = octets(char.codePointAt(0)!);
    if (size + n > 75) {
      parts.push(current);
      current = " ";
      size = 1;
    }
    current += char;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n");
}

/**
 * One content line. `value` must already be encoded (`textValue`, a checked URI, or a
 * literal); parameter values are encoded here, and an empty one is left out.
 */
export function contentLine(name: string, value: string, params: IcalParams = {}): string {
  const encoded = Object.entries(params).flatMap(([key, raw]) => {
    const written = raw === null || raw === undefined ? null : paramValue(raw);
    return written === null ? [] : [`;${key}=${written}`];
  });
  return foldLine(`${name}${encoded.join("")}:${value}`);
}

/** Lines joined with CRLF, ending with one. */
export function icalendarText(lines: string[]): string {
  return `${lines.join("\r\n")}\r\n`;
}
