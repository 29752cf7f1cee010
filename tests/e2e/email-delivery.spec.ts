import { expect, test } from "./helpers/test";
import { withE2eDb } from "./helpers/db";
import { bookAsVisitor, insertSlot, offHoursStart } from "./admin-support";

// The app under test runs with its scheduler off and no cron calling it, as on Vercel's
// Hobby plan between two daily runs: the confirmation must still go out with the response.

test("a visitor's confirmation email is sent right after the booking, without waiting for a job run", async ({ request }) => {
  const bookingId = await bookAsVisitor(request, await insertSlot(offHoursStart(12, 6)), {
    name: "Prompt Person",
    email: "prompt@example.com",
  });
  await expect
    .poll(
      () =>
        withE2eDb(
          async (db) =>
            (await db.query(`SELECT "status" FROM "OutboxEmail" WHERE "bookingId" = $1 AND "kind" = 'booking_confirmed'`, [bookingId]))
              .rows[0]?.status,
        ),
      { timeout: 15_000 },
    )
    .toBe("SENT");
});
