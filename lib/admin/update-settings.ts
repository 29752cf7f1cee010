import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import { getDb, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { SETTING_FIELDS, SETTING_NAMES, type SettingName } from "@/lib/env";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";
import { LIVE_BOOKING_STATUSES } from "@/lib/status/booking-status";
import { offeredMethods } from "@/lib/meetings/rooms";
import type { SettingsInput } from "@/lib/settings/settings-form";
import { lockedSettingNames, parseSettingValue, settings, type Settings } from "@/lib/settings/settings";

// Saving /admin/settings (ADR 100). Each submitted value is a form string parsed with the
// field's own SETTING_FIELDS schema, so what the admin saves obeys the same rules as the
// environment. All or nothing: one bad field and nothing is written.

// One lock for every settings save: the second of two concurrent saves waits, then reads the
// first one's values as its "before", so the audit trail chains without a lost change.
const SETTINGS_LOCK_KEY = 170_100;

export const LOCKED_MESSAGE = "Locked by the operator (LOCKED_SETTINGS): change it in the environment.";

/** Whether an empty form value is a real value for this field (an optional one cleared). */
function isOptional(name: SettingName): boolean {
  const parsed = SETTING_FIELDS[name].safeParse(undefined);
  // An empty list is a real value too (EMBED_ALLOWED_ORIGINS: no site may embed the flow).
  return parsed.success && (parsed.data === undefined || (Array.isArray(parsed.data) && parsed.data.length === 0));
}

// The form's wording where the schema's message names the stored form rather than the control.
const EMPTY_MESSAGE: Partial<Record<SettingName, string>> = { MEETING_METHODS_ENABLED: "Choose at least one meeting method." };
const INVALID_MESSAGE: Partial<Record<SettingName, string>> = {
  REFUND_POLICY: "Choose a refund policy; the hours are a whole number from 0 to 9999.",
  MEETING_METHODS_ENABLED: "Choose from Zoom, Teams, phone and Google Meet.",
};

type Change = { name: SettingName; value: unknown; reset: boolean };

function parseInput(input: SettingsInput): { changes: Change[]; errors: FieldErrors } {
  const locked = lockedSettingNames();
  const errors: FieldErrors = {};
  const changes: Change[] = [];
  for (const [key, raw] of Object.entries(input)) {
    if (raw === undefined) continue;
    if (!(SETTING_NAMES as string[]).includes(key)) {
      errors._form = [`${key} is not a setting.`];
      continue;
    }
    const name = key as SettingName;
    if (locked.has(name)) {
      errors[name] = [LOCKED_MESSAGE];
      continue;
    }
    if (raw === null) {
      changes.push({ name, value: undefined, reset: true });
      continue;
    }
    const text = raw.trim();
    // An empty field with a default would silently become the default: say so instead.
    if (text === "" && !isOptional(name)) {
      errors[name] = [EMPTY_MESSAGE[name] ?? "Enter a value, or reset it to the default."];
      continue;
    }
    const parsed = parseSettingValue(name, text === "" ? null : text);
    if (!parsed.success) errors[name] = [INVALID_MESSAGE[name] ?? parsed.error.issues[0]?.message ?? "Invalid value."];
    else changes.push({ name, value: parsed.data, reset: false });
  }
  return { changes, errors };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function futureLiveBookings(tx: Tx, now: Date): Promise<number> {
  return tx.booking.count({ where: { status: { in: [...LIVE_BOOKING_STATUSES] }, slot: { startsAt: { gt: now } } } });
}

/** Checks that need more than one field or the database; messages per field. */
async function crossCheck(tx: Tx, before: Settings, after: Settings, now: Date): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (before.BUSINESS_TIME_ZONE !== after.BUSINESS_TIME_ZONE) {
    const count = await futureLiveBookings(tx, now);
    if (count > 0) {
      errors.BUSINESS_TIME_ZONE = [
        `${count} upcoming booking${count === 1 ? " is" : "s are"} live. Their times were confirmed to visitors in ` +
          `${before.BUSINESS_TIME_ZONE}; changing the zone would shift what the site and emails say about them. ` +
          `Change it once no future bookings remain, or cancel and rebook them.`,
      ];
    }
  }
  if (offeredMethods(after).length === 0 && !sameValue(offeredMethods(before), [])) {
    errors.MEETING_METHODS_ENABLED = ["Visitors would have no way to meet: enable a method that has a room URL (or the phone)."];
  }
  return errors;
}

export type SettingsUpdate = { changed: SettingName[] };

export async function updateSettings(actor: AuditActor, input: SettingsInput, now: Date = new Date()): Promise<SettingsUpdate> {
  const { changes, errors } = parseInput(input);
  if (Object.keys(errors).length > 0)
    throw new AppError("validation_failed", "Some settings need attention. Nothing was saved.", { fieldErrors: errors });

  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETTINGS_LOCK_KEY})`;
    const before = await settings(tx);
    const stored = new Set((await tx.businessSetting.findMany({ select: { key: true } })).map((r) => r.key));
    // Only what actually changes is written and audited: the form posts every field.
    const effective = changes.filter((c) => (c.reset ? stored.has(c.name) : !sameValue(before[c.name], c.value)));
    if (effective.length === 0) return { changed: [] };

    for (const c of effective) {
      if (c.reset) await tx.businessSetting.delete({ where: { key: c.name } });
      else {
        const value = (c.value ?? null) as Prisma.InputJsonValue;
        await tx.businessSetting.upsert({
          where: { key: c.name },
          create: { key: c.name, value, updatedBy: actor.email, updatedAt: now },
          update: { value, updatedBy: actor.email, updatedAt: now },
        });
      }
    }
    const after = await settings(tx);
    const cross = await crossCheck(tx, before, after, now);
    if (Object.keys(cross).length > 0)
      throw new AppError("validation_failed", "Some settings need attention. Nothing was saved.", { fieldErrors: cross });

    for (const c of effective) {
      await recordAudit(tx, actor, {
        action: c.reset ? "setting.reset" : "setting.update",
        entityType: "setting",
        entityId: c.name,
        before: { value: before[c.name] ?? null },
        after: { value: after[c.name] ?? null },
      });
    }
    return { changed: effective.map((c) => c.name) };
  });
}
