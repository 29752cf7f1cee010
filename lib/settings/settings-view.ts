import "server-only";
import { getDb } from "@/lib/db";
import { SETTING_NAMES, type SettingName } from "@/lib/env";
import { lockedSettingNames, parseSettingValue, settingDefaults, settings, type Settings } from "./settings";

// What /admin/settings shows per field: the value in force and where it comes from.

export type SettingSource = "environment" | "saved" | "locked";

export type SettingView = {
  source: SettingSource;
  /** When saved here: who saved it, and when. */
  savedBy?: string | null;
  savedAt?: Date;
};

export type SettingsView = { values: Settings; defaults: Settings; fields: Record<SettingName, SettingView> };

export async function settingsView(): Promise<SettingsView> {
  const db = await getDb();
  const [values, rows] = await Promise.all([settings(db), db.businessSetting.findMany()]);
  const locked = lockedSettingNames();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const fields = Object.fromEntries(
    SETTING_NAMES.map((name): [SettingName, SettingView] => {
      if (locked.has(name)) return [name, { source: "locked" }];
      const row = byKey.get(name);
      // A stored value the schema now rejects is ignored by settings(): show the truth.
      if (!row || !parseSettingValue(name, row.value).success) return [name, { source: "environment" }];
      return [name, { source: "saved", savedBy: row.updatedBy, savedAt: row.updatedAt }];
    }),
  ) as Record<SettingName, SettingView>;
  return { values, defaults: settingDefaults(), fields };
}
