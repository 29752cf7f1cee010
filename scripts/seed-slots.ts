// Generates bookable slots on weekdays in the business time zone. Idempotent.
//   npx tsx scripts/seed-slots.ts --days 30 --start-hour 9 --end-hour 17 --duration 60 --payment-amount 10.00
import { runScript } from "./lib/run-script";

await runScript(async () => {
  const { env } = await import("../lib/env");
  const { parseSeedArgs, SEED_USAGE } = await import("../lib/booking/seed-slots-args");
  const args = parseSeedArgs(process.argv.slice(2), env().BUSINESS_TIME_ZONE);
  if (args.kind === "help") {
    console.log(SEED_USAGE);
    return 0;
  }
  if (args.kind === "error") {
    console.error(`seed-slots: ${args.message}`);
    return 2;
  }
  const { seedSlots } = await import("../lib/booking/seed-slots");
  const result = await seedSlots(args.options, { dryRun: args.dryRun });
  const o = args.options;
  const what = `${o.durationMinutes}-minute slots, ${o.startHour}:00-${o.endHour}:00 ${o.timeZone}, weekdays, next ${o.days} days`;
  if (args.dryRun) {
    console.log(`Dry run: ${result.planned} ${what}; ${result.existing} already exist; nothing written.`);
  } else {
    console.log(`Created ${result.created} slots; ${result.existing} already existed (${what}).`);
  }
  return 0;
});
