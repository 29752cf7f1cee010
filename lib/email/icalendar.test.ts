import { describe, expect, it } from "vitest";
import { contentLine, foldLine, paramValue, textValue, utcDateTime } from "./icalendar";

describe("textValue", () => {
  it("escapes backslash, semicolon, comma and newline, and turns CR and CRLF into newlines", () => {
    expect(textValue("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
    expect(textValue("one\r\ntwo\rthree\u2028four")).toBe("one\\ntwo\\nthree\\nfour");
  });

  it("keeps tabs and drops other control characters", () => {
    expect(textValue("a\tb\u0000c\u007Fd\u001Be")).toBe("a\tbcde");
  });
});

describe("paramValue", () => {
  it("quotes, and drops what a parameter cannot hold or parsers read differently", () => {
    expect(paramValue('Robert "Bob" Smith')).toBe('"Robert Bob Smith"');
    expect(paramValue("Smith, Jane")).toBe('"Smith, Jane"');
    expect(paramValue("a;b:c^d\\e\r\nf")).toBe("abcdef");
    expect(paramValue("ACCEPTED")).toBe("ACCEPTED");
    expect(paramValue('""')).toBeNull();
  });
});

describe("foldLine", () => {
  it("folds at 75 octets with a leading space, never inside a UTF-8 sequence", () => {
    const folded = foldLine(`DESCRIPTION:${"漢😀é".repeat(30)}`);
    const lines = folded.split("\r\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const [i, line] of lines.entries()) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      if (i > 0) expect(line.startsWith(" ")).toBe(true);
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(line))).not.toThrow();
    }
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join("")).toBe(`DESCRIPTION:${"漢😀é".repeat(30)}`);
  });

  it("leaves a 75-octet line alone", () => {
    expect(foldLine("X".repeat(75))).toBe("X".repeat(75));
    expect(foldLine("X".repeat(76))).toBe(`${"X".repeat(75)}\r\n X`);
  });
});

describe("contentLine", () => {
  it("leaves out parameters with nothing left to write", () => {
    expect(contentLine("ATTENDEE", "mailto:a@example.com", { CN: '"', RSVP: "FALSE", ROLE: undefined })).toBe(
      "ATTENDEE;RSVP=FALSE:mailto:a@example.com",
    );
  });
});

describe("utcDateTime", () => {
  it("is the basic UTC form", () => {
    expect(utcDateTime(new Date("2026-03-10T14:00:00.000Z"))).toBe("20260310T140000Z");
  });
});
