// Generates bookable slots in the business time zone through the schedule planner. Idempotent.
//   npx tsx scripts/seed-slots.ts --days 30 --start-hour 9 --end-hour 17 --duration 60 --payment-amount 10.00
//   npx tsx scripts/seed-slots.ts --from-schedule   (the weekly schedule saved in admin, as the maintenance job)
import { runScript } from "./lib/run-script";

await runScript(async () => {
  const { parseSeedArgs, SEED_USAGE } = await import("../lib/booking/seed-slots-args");
  // Bad arguments and --help answer before the database is opened; only then is the default
  // zone read: the business's, as saved in /admin/settings (or the environment's).
  const checked = parseSeedArgs(process.argv.slice(2), "UTC");
  const args =
    checked.kind === "run"
      ? parseSeedArgs(process.argv.slice(2), (await (await import("../lib/settings/settings")).settings()).BUSINESS_TIME_ZONE)
      : checked;
  if (args.kind === "help") {
    console.log(SEED_USAGE);
    return 0;
  }
  if (args.kind === "error") {
    console.error(`seed-slots: ${args.message}`);
    return 2;
  }
  if (args.kind === "sync") {
    const { applyScheduleSync, previewScheduleSync } = await import("../lib/schedule/sync");
    const { loadSchedule } = await import("../lib/schedule/schedule-store");
    const { describeSyncReport } = await import("../lib/schedule/describe-report");
    const schedule = await loadSchedule();
    const report = args.dryRun ? await previewScheduleSync(schedule) : await applyScheduleSync(schedule);
    const source = schedule.saved ? "the saved weekly schedule" : "the default schedule (none saved)";
    console.log(
      `${args.dryRun ? "Dry run, nothing written: " : ""}${describeSyncReport(report, args.dryRun ? "preview" : "done")} (${source}).`,
    );
    return 0;
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
