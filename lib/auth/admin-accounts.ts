import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/audit-log";
import { getAuth } from "./auth";
import { ADMIN_ROLE, MIN_PASSWORD_LENGTH } from "./constants";

// Creating and resetting admins (the createsuperuser equivalent). Passwords are hashed by
// better-auth's own hasher, so the login path verifies exactly what is stored here.

export const adminAccountSchema = z.object({
  email: z.email("enter a valid email address").transform((s) => s.trim().toLowerCase()),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `the password must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(128, "the password must be at most 128 characters"),
  name: z.string().trim().min(1).max(120).optional(),
});

export type AdminAccountInput = z.input<typeof adminAccountSchema>;
export type AdminAccountOutcome = "created" | "password_reset";

const SCRIPT_ACTOR = { id: null, email: "create-admin script" };

/**
 * Creates an admin, or resets the password of an existing one (which also signs out all
 * of that account's sessions). Runs in one transaction.
 */
export async function upsertAdmin(input: AdminAccountInput, now = new Date()): Promise<AdminAccountOutcome> {
  const { email, password, name } = adminAccountSchema.parse(input);
  const auth = await getAuth();
  const hash = await (await auth.$context).password.hash(password);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email },
      create: { id: randomUUID(), email, name: name ?? email.split("@")[0]!, role: ADMIN_ROLE, emailVerified: true },
      update: { role: ADMIN_ROLE, ...(name ? { name } : {}) },
    });
    const reset = await tx.account.updateMany({
      where: { userId: user.id, providerId: "credential" },
      data: { password: hash, updatedAt: now },
    });
    if (reset.count === 0) {
      await tx.account.create({
        data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: hash },
      });
    }
    const outcome: AdminAccountOutcome = reset.count === 0 ? "created" : "password_reset";
    if (outcome === "password_reset") await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, SCRIPT_ACTOR, {
      action: outcome === "created" ? "admin.create" : "admin.reset_password",
      entityType: "user",
      entityId: user.id,
      after: { email },
    });
    return outcome;
  });
}
