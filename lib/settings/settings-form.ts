import { SETTING_NAMES, type SettingName } from "@/lib/env";

// The settings form's fields → updateSettings input. Pure, so it is unit-tested. Most fields
// carry their setting's name; two are friendlier than their stored form:
// - REFUND_POLICY is a choice (always / never / hours_before) plus REFUND_POLICY_HOURS;
// - MEETING_METHODS_ENABLED is a group of checkboxes (one value per ticked method).
// Each ticked "reset" box (value = a setting's name) resets that setting to the environment
// default (its typed value, if any, is ignored).

/** A form string per setting; null resets it to the environment default (deletes the row). */
export type SettingsInput = Partial<Record<SettingName, string | null>>;

export type SettingsForm = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function settingsInputFromForm(form: SettingsForm): SettingsInput {
  const resets = new Set([form.reset ?? []].flat());
  const input: SettingsInput = {};
  for (const name of SETTING_NAMES) {
    if (resets.has(name)) {
      input[name] = null;
      continue;
    }
    const value = form[name];
    if (value === undefined) continue;
    if (name === "MEETING_METHODS_ENABLED") input[name] = [value].flat().join(",");
    else if (name === "REFUND_POLICY") {
      const kind = one(value);
      input[name] = kind === "hours_before" ? `hours_before:${(one(form.REFUND_POLICY_HOURS) ?? "").trim()}` : (kind ?? "");
    } else input[name] = one(value) ?? "";
  }
  // No box ticked posts nothing; the marker field says the group was on the form.
  if (form.MEETING_METHODS_PRESENT && form.MEETING_METHODS_ENABLED === undefined && !resets.has("MEETING_METHODS_ENABLED")) {
    input.MEETING_METHODS_ENABLED = "";
  }
  return input;
}
