// Runs the Google and Microsoft calendar fakes on their own, for a dev server or an e2e run
// offline (the authorize endpoints consent at once, so "Connect Google" completes):
//   npx tsx tests/fakes/oauth/cli.ts [--google-port 0] [--microsoft-port 0]
// prints the environment to start the app with, then serves until stopped.
import { startFakeGoogleCalendar } from "../google/fake-google-calendar";
import { startFakeGraphCalendar } from "../microsoft/fake-graph-calendar";

function option(name: string): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : 0;
}

const google = await startFakeGoogleCalendar({ port: option("google-port") });
const graph = await startFakeGraphCalendar({ port: option("microsoft-port") });
for (const [key, value] of Object.entries({ ...google.env, ...graph.env })) console.log(`${key}=${value}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void Promise.all([google.close(), graph.close()]).then(() => process.exit(0)));
}
