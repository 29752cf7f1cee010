// Test helper process: owns an embedded database like `npm run dev` does, and keeps
// writing to it while other processes (the seed script) use it through the owner.
//   npx tsx tests/helpers/embedded-owner.ts <writes>
import "../../scripts/lib/bootstrap";

const writes = Number(process.argv[2] ?? 20);
const { getDb, disconnectDb } = await import("../../lib/db/client");
const db = await getDb();
console.log("READY");
for (let i = 0; i < writes; i++) {
  await db.slot.create({
    data: { startsAt: new Date(Date.UTC(2031, 0, 1, 0, 0) + i * 3_600_000), durationMinutes: 60, priceCents: 0, methods: ["PHONE"] },
  });
  await new Promise((r) => setTimeout(r, 25));
}
console.log("WROTE");
// Stay the owner until told to stop, so clients can finish first.
process.stdin.once("data", async () => {
  await disconnectDb();
  process.exit(0);
});
