import { METHOD_INFO, type MeetingMethodName } from "@/lib/meeting-methods";
import { MethodIcon } from "./method-icon";

type MethodPickerProps = {
  methods: MeetingMethodName[];
  selected: MeetingMethodName | null;
  onSelect: (method: MeetingMethodName) => void;
};

/** One equal-size card per method the chosen slot allows. */
export function MethodPicker({ methods, selected, onSelect }: MethodPickerProps) {
  return (
    <ul className="grid auto-rows-fr gap-3 sm:grid-cols-2" aria-label="Meeting methods">
      {methods.map((method) => (
        <li key={method} className="flex">
          <button
            type="button"
            aria-pressed={method === selected}
            data-method={method}
            onClick={() => onSelect(method)}
            className="flex w-full items-start gap-3 rounded-xl border border-slate-300 bg-white p-4 text-left hover:border-brand-600 hover:bg-brand-50 aria-pressed:border-brand-600 aria-pressed:ring-2 aria-pressed:ring-brand-600"
          >
            <span className="rounded-lg bg-brand-50 p-2 text-brand-700">
              <MethodIcon method={method} />
            </span>
            <span className="flex flex-col gap-0.5">
              <span className="font-semibold">{METHOD_INFO[method].label}</span>
              <span className="text-sm text-slate-600">{METHOD_INFO[method].description}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
