import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csvCell", () => {
  it.each(["=HYPERLINK(\"http://evil\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])("neutralises the formula %j", (input) => {
    expect(csvCell(input).replace(/^"/, "").startsWith("'")).toBe(true);
  });

  it("quotes commas, quotes and newlines", () => {
    expect(csvCell('Ada "The Countess", London')).toBe('"Ada ""The Countess"", London"');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
  });

  it("leaves ordinary values alone and empties null", () => {
    expect(csvCell("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(null)).toBe("");
  });
});

describe("toCsv", () => {
  it("writes a BOM, a header and CRLF lines", () => {
    expect(toCsv(["a", "b"], [["=1", "x,y"]])).toBe("\uFEFFa,b\r\n'=1,\"x,y\"\r\n");
  });
});
