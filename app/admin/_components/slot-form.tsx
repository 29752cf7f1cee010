import { MEETING_METHODS, METHOD_INFO } from "@/lib/meeting-methods";
import type { AdminAction } from "@/app/admin/_lib/action-state";
import { ActionForm } from "./action-form";
import { CheckboxField, ChoiceGroup, Field } from "./fields";

export type SlotFormValues = {
  date: string;
  time: string;
  durationMinutes: number;
  methods: string[];
  requiresPayment: boolean;
  amount: string;
  isAvailable: boolean;
};

const METHOD_OPTIONS = MEETING_METHODS.map((m) => ({ value: m, label: METHOD_INFO[m].label }));

/** Create and edit share this form; times are wall-clock times in the business zone. */
export function SlotForm({
  action,
  values,
  submitLabel,
  timeZone,
  slotId,
}: {
  action: AdminAction;
  values: SlotFormValues;
  submitLabel: string;
  timeZone: string;
  slotId?: string;
}) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} resetOnSuccess={!slotId}>
      {slotId ? <input type="hidden" name="slotId" value={slotId} /> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Date" name="date" type="date" required defaultValue={values.date} />
        <Field label={`Start time (${timeZone})`} name="time" type="time" required defaultValue={values.time} />
        <Field
          label="Duration (minutes)"
          name="durationMinutes"
          type="number"
          min={5}
          max={480}
          step={5}
          required
          defaultValue={values.durationMinutes}
        />
      </div>
      <ChoiceGroup legend="Meeting methods" name="methods" type="checkbox" options={METHOD_OPTIONS} defaultValues={values.methods} />
      <div className="grid gap-3 sm:grid-cols-3">
        <CheckboxField label="Requires payment" name="requiresPayment" defaultChecked={values.requiresPayment} />
        <Field label="Amount (USD)" name="amount" inputMode="decimal" defaultValue={values.amount} hint="e.g. 10.00; 0 for free" />
        <CheckboxField label="Available for booking" name="isAvailable" defaultChecked={values.isAvailable} />
      </div>
    </ActionForm>
  );
}
