import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUZZ_RUNS, FUZZ_SEED } from "@/tests/e2e/helpers/fuzz";
import { csvCell, csvPhone, toCsv } from "./csv";

/** The cells a spreadsheet could make of a value: split on every separator it may use. */
const pieces = (cell: string) =>
  cell
    .replace(/^"|"$/g, "")
    .replace(/""/g, '"')
    .split(/[,;\t]/);
const FORMULA_START = /^[\s"]*[=+\-@]/;

describe("csvCell", () => {
  it.each(['=HYPERLINK("http://evil")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])("neutralises the formula %j", (input) => {
    expect(csvCell(input).replace(/^"/, "").startsWith("'")).toBe(true);
  });

  it.each(["Acme;=1+2", "Acme\t=1+2", "Acme,=1+2", "Acme; =cmd|' /C calc'!A0", 'Acme;"=1+2"', " =1+2", "x;+1;-2;@SUM(A1)"])(
    "neutralises a formula after a separator a spreadsheet could split on: %j",
    (input) => {
      for (const piece of pieces(csvCell(input))) expect(piece).not.toMatch(FORMULA_START);
    },
  );

  it("puts the apostrophe right before the formula, keeping the rest", () => {
    expect(csvCell("Acme;=1+2")).toBe(`"Acme;'=1+2"`);
    expect(csvCell('a;"=1')).toBe(`"a;""'=1"`);
  });

  it("quotes every cell, doubling quotes, so a ; or tab separator cannot split it", () => {
    expect(csvCell("Ada Lovelace")).toBe('"Ada Lovelace"');
    expect(csvCell('Ada "The Countess", London')).toBe('"Ada ""The Countess"", London"');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell(12.5)).toBe('"12.5"');
    expect(csvCell(null)).toBe('""');
  });

  it("leaves ordinary punctuation and hyphens alone", () => {
    expect(csvCell("Smith-Jones, Ltd; est. 1999")).toBe('"Smith-Jones, Ltd; est. 1999"');
    expect(csvCell("Agenda:\n- pricing\n- timeline")).toBe('"Agenda:\n- pricing\n- timeline"');
  });
});

describe("csvCell on generated text", () => {
  const text = fc
    .array(
      fc.oneof(
        fc.constantFrom("=", "+", "-", "@", ";", ",", "\t", "\r", "\n", '"', " ", "'", "cmd|' /C calc'!A0"),
        fc.string({ maxLength: 6 }),
      ),
      { maxLength: 25 },
    )
    .map((parts) => parts.join(""));
  // RFC 4180 read back of one cell.
  const unquote = (cell: string) => cell.slice(1, -1).replace(/""/g, '"');
  const withoutGuards = (s: string) => s.replace(/'(?=[\s"]*[=+\-@\t\r])/g, "");

  it(
    "quotes every cell, starts no split piece with a formula, and changes nothing but the guards",
    () => {
      fc.assert(
        fc.property(text, (value) => {
          const cell = csvCell(value);
          expect(cell).toMatch(/^"(?:[^"]|"")*"$/s);
          for (const piece of pieces(cell)) expect(piece).not.toMatch(FORMULA_START);
          expect(unquote(cell)).not.toMatch(/^[=+\-@\t\r]/);
          expect(withoutGuards(unquote(cell))).toBe(withoutGuards(value));
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS * 5 },
      );
    },
    30_000 + FUZZ_RUNS * 20,
  );
});

describe("csvPhone", () => {
  it("writes an international number as a tel: URI, text in every spreadsheet, with no apostrophe", () => {
    expect(csvPhone("+1 555 010 0199")).toBe("tel:+1-555-010-0199");
    expect(csvCell(csvPhone("+44 (0)20 7946.0958"))).toBe('"tel:+44-(0)20-7946.0958"');
  });

  it("leaves a number that cannot start a formula as typed, and neutralises anything else", () => {
    expect(csvPhone("(020) 7946 0958")).toBe("(020) 7946 0958");
    expect(csvPhone(null)).toBeNull();
    expect(csvCell(csvPhone("+1+cmd|' /C calc'!A0"))).toBe(`"'+1+cmd|' /C calc'!A0"`);
  });
});

describe("toCsv", () => {
  it("writes a BOM, a header and CRLF lines, every cell quoted", () => {
    expect(toCsv(["a", "b"], [["=1", "x,y"]])).toBe('\uFEFF"a","b"\r\n"\'=1","x,y"\r\n');
  });
});
