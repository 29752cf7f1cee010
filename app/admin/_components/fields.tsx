"use client";
import { useId } from "react";
import { useFieldError } from "./form-state";

// Labelled inputs that show their error from the surrounding ActionForm and point to it
// with aria-describedby, so screen readers read the error with the field.

const inputClass =
  "mt-1 block w-full rounded border border-slate-500 bg-white px-2 py-1.5 text-sm text-slate-900 aria-invalid:border-red-700";

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="mt-1 text-sm text-red-800">
      {error}
    </p>
  ) : null;
}

export function Field({
  label,
  name,
  hint,
  ...input
}: { label: string; name: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const error = useFieldError(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-700">
          {hint}
        </p>
      ) : null}
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputClass} {...input} />
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

/** Label above a control, and the control's error below it, linked by aria-describedby. */
function Labelled({
  label,
  name,
  hint,
  children,
}: {
  label: string;
  name: string;
  hint?: string;
  children: (control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = useId();
  const error = useFieldError(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-700">
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      <ErrorText id={`${id}-error`} error={error} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  options,
  hint,
  ...select
}: {
  label: string;
  name: string;
  hint?: string;
  options: { value: string; label: string }[];
} & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Labelled label={label} name={name} hint={hint}>
      {(control) => (
        <select name={name} className={inputClass} {...control} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

export function TextAreaField({
  label,
  name,
  hint,
  ...area
}: { label: string; name: string; hint?: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Labelled label={label} name={name} hint={hint}>
      {(control) => <textarea name={name} className={inputClass} {...control} {...area} />}
    </Labelled>
  );
}

/** A group of checkboxes or radios under one legend, e.g. meeting methods. */
export function ChoiceGroup({
  legend,
  name,
  type,
  options,
  defaultValues = [],
  hint,
  disabled,
}: {
  legend: string;
  name: string;
  type: "checkbox" | "radio";
  options: { value: string; label: string }[];
  defaultValues?: string[];
  hint?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const error = useFieldError(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy} disabled={disabled}>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-700">
          {hint}
        </p>
      ) : null}
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm text-slate-900">
            <input type={type} name={name} value={o.value} defaultChecked={defaultValues.includes(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      <ErrorText id={`${id}-error`} error={error} />
    </fieldset>
  );
}

export function CheckboxField({ label, name, defaultChecked }: { label: string; name: string; defaultChecked?: boolean }) {
  const error = useFieldError(name);
  return (
    <div>
      <label className="flex items-center gap-1.5 text-sm text-slate-900">
        <input type="checkbox" name={name} defaultChecked={defaultChecked} />
        {label}
      </label>
      {error ? <p className="mt-1 text-sm text-red-800">{error}</p> : null}
    </div>
  );
}
