import "server-only";
import { getDb, type DbOrTx } from "@/lib/db";
import { env, SETTING_FIELDS, SETTING_NAMES, type Env, type SettingName } from "@/lib/env";
import { log } from "@/lib/log";

// The one reader of the business's settings (ADR 100). Each call reads the stored overrides
// from Postgres, so a change saved on one instance applies to the next request on every
// instance: no restart, no in-memory copy to go stale. Callers read once per request and pass
// the snapshot down, so one request sees one consistent set of values.

export type Settings = Readonly<Pick<Env, SettingName>>;

/** Names an operator pinned to the environment (LOCKED_SETTINGS): stored values are ignored. */
export function lockedSettingNames(): ReadonlySet<SettingName> {
  return new Set(env().LOCKED_SETTINGS as SettingName[]);
}

/** The environment's values alone: the defaults the stored settings override. */
export function settingDefaults(): Settings {
  const e = env();
  return Object.fromEntries(SETTING_NAMES.map((name) => [name, e[name]])) as unknown as Settings;
}

/**
 * Parses one stored value with the field's own schema. JSON null means "cleared" (an optional
 * value the admin emptied), which is the field's empty value, not the environment's.
 */
export function parseSettingValue(name: SettingName, stored: unknown) {
  return SETTING_FIELDS[name].safeParse(stored === null ? undefined : stored);
}

/** The settings in force now: environment defaults with the stored overrides applied. */
export async function settings(db?: DbOrTx): Promise<Settings> {
  const client = db ?? (await getDb());
  const rows = await client.businessSetting.findMany({ select: { key: true, value: true } });
  const values: Record<string, unknown> = { ...settingDefaults() };
  const locked = lockedSettingNames();
  for (const row of rows) {
    if (!(row.key in SETTING_FIELDS) || locked.has(row.key as SettingName)) continue;
    const parsed = parseSettingValue(row.key as SettingName, row.value);
    // A value saved under an older, looser schema keeps the default rather than failing every page.
    if (parsed.success) values[row.key] = parsed.data;
    else log("warn", "settings.invalid_stored_value", { key: row.key });
  }
  return Object.freeze(values) as unknown as Settings;
}
