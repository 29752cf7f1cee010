import { describe, expect, it } from "vitest";
import { parseStartArgs } from "./start-args";

describe("parseStartArgs", () => {
  it("reads next start's host and port flags, short, long and with =", () => {
    expect(parseStartArgs(["-H", "127.0.0.1", "-p", "4100"])).toEqual({ hostname: "127.0.0.1", port: 4100 });
    expect(parseStartArgs(["--hostname=::", "--port=8080"])).toEqual({ hostname: "::", port: 8080 });
    expect(parseStartArgs([])).toEqual({});
  });

  it("refuses what it would otherwise silently ignore", () => {
    expect(() => parseStartArgs(["-p"])).toThrow("-p needs a value");
    expect(() => parseStartArgs(["-p", "70000"])).toThrow("invalid port");
    expect(() => parseStartArgs(["--keepAliveTimeout", "5"])).toThrow("unknown option");
  });
});
