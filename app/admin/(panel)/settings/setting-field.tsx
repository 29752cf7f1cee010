import type { SettingView } from "@/lib/settings/settings-view";
import { formatInZone } from "@/lib/time-zones";
import { Field, SelectField, TextAreaField } from "../../_components/fields";

// One setting on /admin/settings: its control with the value in force, where that value comes
// from, and (when saved here) a box to go back to the environment default.

export function sourceText(view: SettingView, defaultText: string, timeZone: string): string {
  switch (view.source) {
    case "locked":
      return "Locked by the operator (LOCKED_SETTINGS): read-only here; change it in the environment.";
    case "environment":
      return "Source: environment default.";
    case "saved": {
      const by = view.savedBy ? ` by ${view.savedBy}` : "";
      const at = view.savedAt ? ` on ${formatInZone(view.savedAt, timeZone)}` : "";
      return `Source: saved here${by}${at}. Default: ${defaultText || "none"}.`;
    }
  }
}

export type FieldShape =
  | { kind: "text"; type?: "text" | "url" | "email" | "tel"; maxLength?: number }
  | { kind: "number"; min: number; max: number; unit: string }
  | { kind: "textarea"; maxLength: number }
  | { kind: "select"; options: { value: string; label: string }[] };

export function SettingField({
  name,
  label,
  help,
  shape,
  value,
  view,
  source,
}: {
  name: string;
  label: string;
  help?: string;
  shape: FieldShape;
  value: string;
  view: SettingView;
  source: string;
}) {
  const locked = view.source === "locked";
  const hint = [help, source].filter(Boolean).join(" ");
  const common = { name, hint, defaultValue: value, disabled: locked };
  return (
    <div className="space-y-1">
      {shape.kind === "textarea" ? (
        <TextAreaField label={label} maxLength={shape.maxLength} rows={3} {...common} />
      ) : shape.kind === "select" ? (
        <SelectField label={label} options={shape.options} {...common} />
      ) : shape.kind === "number" ? (
        <Field label={`${label} (${shape.unit})`} type="number" min={shape.min} max={shape.max} step={1} {...common} />
      ) : (
        <Field label={label} type={shape.type ?? "text"} maxLength={shape.maxLength} {...common} />
      )}
      {view.source === "saved" ? <ResetBox name={name} label={label} /> : null}
    </div>
  );
}

/** Ticked, the save deletes this setting's stored value: the environment's applies again. */
export function ResetBox({ name, label }: { name: string; label: string }) {
  return (
    <label className="flex items-center gap-1.5 text-sm text-slate-900">
      <input type="checkbox" name="reset" value={name} />
      Reset “{label}” to the environment default
    </label>
  );
}
