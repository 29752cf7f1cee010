import { afterAll, beforeAll, beforeEach } from "vitest";
import { startFakeGoogleCalendar, type FakeGoogle } from "../google/fake-google-calendar";
import { startFakeGraphCalendar, type FakeGraph } from "../microsoft/fake-graph-calendar";
import { useTestEnv } from "../meetings/test-env";

// The Google and Microsoft fakes for one test file: started once, reset and pointed at by the
// environment before each test. For example, a broken-connection test:
//   const fakes = useOAuthCalendarFakes();
//   const connection = fakeConnection(fakes.google.oauth, { expired: true });
//   fakes.google.oauth.revokeRefreshTokens();
//   → googleProvider(connection).busy(...) rejects with CalendarAuthError
export function useOAuthCalendarFakes(extraEnv: Record<string, string> = {}): { readonly google: FakeGoogle; readonly graph: FakeGraph } {
  let google: FakeGoogle | undefined;
  let graph: FakeGraph | undefined;
  const setEnv = useTestEnv();
  beforeAll(async () => {
    [google, graph] = await Promise.all([startFakeGoogleCalendar(), startFakeGraphCalendar()]);
  });
  afterAll(async () => {
    await Promise.all([google?.close(), graph?.close()]);
  });
  beforeEach(() => {
    google!.reset();
    graph!.reset();
    setEnv({ ...google!.env, ...graph!.env, ...extraEnv });
  });
  return {
    get google() {
      return google!;
    },
    get graph() {
      return graph!;
    },
  };
}
