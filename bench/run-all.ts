// npm run bench: every benchmark in turn against the production build on PostgreSQL.
// Each prints its figures next to a baseline measured in the same run.
import { mkdirSync, writeFileSync } from "node:fs";
import { availabilityBench } from "./availability";
import { blockingTimeBench } from "./blocking-time";
import { busyCheckBench } from "./busy-check";
import { contentionBench } from "./contention";
import { insightsBench } from "./insights";
import { pageBench } from "./page";
import { refundFeesBench } from "./refund-fees";
import { remindersBench } from "./reminders";
import { startWrapperBench } from "./start-wrapper";

const only = process.argv.slice(2);
const benches = {
  availability: availabilityBench,
  contention: contentionBench,
  reminders: remindersBench,
  insights: insightsBench,
  busyCheck: busyCheckBench,
  page: pageBench,
  blockingTime: blockingTimeBench,
  startWrapper: startWrapperBench,
  refundFees: async () => refundFeesBench(),
};
const results: Record<string, unknown> = { at: new Date().toISOString() };
for (const [name, bench] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  results[name] = await bench();
}
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/latest.json", JSON.stringify(results, null, 2));
console.log("Wrote bench/results/latest.json");
