import { afterEach } from "vitest";
import { resetEnvCache } from "@/lib/env";

// Points env at the vendor fakes for one test: variables set through the returned function
// are removed (NODE_ENV restored to "test") after each test.
export function useTestEnv(): (vars: Record<string, string>) => void {
  const touched = new Set<string>();
  afterEach(() => {
    for (const key of touched) {
      if (key === "NODE_ENV") (process.env as Record<string, string>).NODE_ENV = "test";
      else delete process.env[key];
    }
    touched.clear();
    resetEnvCache();
  });
  return (vars) => {
    for (const [key, value] of Object.entries(vars)) {
      touched.add(key);
      process.env[key] = value;
    }
    resetEnvCache();
  };
}
