import { useEffect, useId, useRef, useState } from "react";
import { DETAIL_LIMITS } from "@/lib/booking/detail-limits";
import type { FieldErrors } from "@/lib/errors/app-error";
import type { DetailsValues } from "./types";

// The shared zod schema is loaded when this form first shows, not with the page: zod is
// the biggest part of the flow's JavaScript and the calendar does not need it.
type SchemaModule = typeof import("@/lib/booking/schemas");
let schemaModule: Promise<SchemaModule> | undefined;
const loadSchema = () =>
  (schemaModule ??= import("@/lib/booking/schemas").catch((error: unknown) => {
    schemaModule = undefined; // let the next attempt load it again
    throw error;
  }));

type Target = { slotId: string; method: string; timeZone: string };

type DetailsFormProps = {
  values: DetailsValues;
  target: Target;
  onChange: (values: DetailsValues) => void;
  /** Called with the raw input once the shared schema accepts it; the server parses again. */
  onValid: (input: DetailsValues & Target) => void;
  pending: boolean;
  submitLabel: string;
  /** Field errors the server returned for the last submission. */
  serverErrors?: FieldErrors;
  /** The server's message for the last submission (slot taken, rate limited, ...). */
  serverMessage?: string;
  phoneHint?: string;
};

const FIELDS = ["name", "email", "company", "phone", "notes"] as const;
type FieldName = (typeof FIELDS)[number];

/** Validates with the same zod schema as the server; returns the first message per field. */
function validate(schemas: SchemaModule, input: DetailsValues & Target): Partial<Record<string, string>> | null {
  const result = schemas.bookingRequestSchema.safeParse(input);
  if (result.success) return null;
  const errors: Partial<Record<string, string>> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "_form");
    errors[key] ??= issue.message;
  }
  return errors;
}

export function DetailsForm(props: DetailsFormProps) {
  const { values, target, onChange, onValid, pending, submitLabel, serverErrors, serverMessage, phoneHint } = props;
  const ids = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [attempted, setAttempted] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const schemas = useRef<SchemaModule | null>(null);
  useEffect(() => {
    loadSchema().then(
      (m) => (schemas.current = m),
      () => undefined, // retried on submit
    );
  }, []);

  const shown: Partial<Record<string, string>> = { ...errors };
  for (const [key, messages] of Object.entries(serverErrors ?? {})) if (messages?.[0]) shown[key] ??= messages[0];

  function update(field: FieldName, value: string) {
    const next = { ...values, [field]: value };
    onChange(next);
    // After the first attempt, errors follow the input so fixed fields clear at once.
    if (attempted && schemas.current) setErrors(validate(schemas.current, { ...next, ...target }) ?? {});
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setAttempted(true);
    const input = { ...values, ...target };
    try {
      schemas.current ??= await loadSchema();
    } catch {
      onValid(input); // could not load the checks here; the server applies the same ones
      return;
    }
    const found = validate(schemas.current, input);
    setErrors(found ?? {});
    if (found) {
      const firstBad = FIELDS.find((f) => found[f]);
      if (firstBad) formRef.current?.querySelector<HTMLElement>(`[name="${firstBad}"]`)?.focus();
      return;
    }
    onValid(input);
  }

  const field = (
    name: FieldName,
    label: string,
    options: { type?: string; autoComplete?: string; required?: boolean; hint?: string } = {},
  ) => {
    const id = `${ids}-${name}`;
    const error = shown[name];
    const described = [options.hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(" ");
    return (
      <div className="pb-2">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
          {options.required ? <span className="text-red-700"> *</span> : <span className="font-normal text-slate-600"> (optional)</span>}
        </label>
        {options.hint && (
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {options.hint}
          </p>
        )}
        <input
          id={id}
          name={name}
          type={options.type ?? "text"}
          autoComplete={options.autoComplete}
          required={options.required}
          maxLength={DETAIL_LIMITS[name]}
          value={values[name]}
          onChange={(e) => update(name, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          className="mt-1 block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 aria-invalid:border-red-600"
        />
        <p id={`${id}-error`} aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
          {error}
        </p>
      </div>
    );
  };

  const notesId = `${ids}-notes`;
  const formError = shown._form ?? shown.slotId ?? shown.method ?? shown.timeZone;

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="grid gap-2" aria-describedby={`${ids}-required`}>
      <p id={`${ids}-required`} className="text-sm text-slate-600">
        Fields marked * are required.
      </p>
      <div className="grid gap-x-4 sm:grid-cols-2">
        {field("name", "Full name", { autoComplete: "name", required: true })}
        {field("email", "Email", { type: "email", autoComplete: "email", required: true })}
        {field("company", "Company", { autoComplete: "organization" })}
        {field("phone", "Phone", { type: "tel", autoComplete: "tel", hint: phoneHint })}
      </div>
      <div>
        <label htmlFor={notesId} className="block text-sm font-medium text-slate-800">
          What would you like to discuss? <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <textarea
          id={notesId}
          name="notes"
          rows={4}
          maxLength={DETAIL_LIMITS.notes}
          value={values.notes}
          onChange={(e) => update("notes", e.target.value)}
          aria-invalid={shown.notes ? true : undefined}
          aria-describedby={`${notesId}-count ${notesId}-error`}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 aria-invalid:border-red-600"
        />
        <div className="mt-1 flex justify-between gap-4 text-sm">
          <p id={`${notesId}-error`} aria-live="polite" className="min-h-5 text-red-700">
            {shown.notes}
          </p>
          <p id={`${notesId}-count`} className="shrink-0 text-slate-600">
            {values.notes.length} / {DETAIL_LIMITS.notes}
          </p>
        </div>
      </div>
      <p aria-live="polite" className="min-h-5 text-sm text-red-700">
        {formError}
      </p>
      <p role="alert" className="text-sm font-medium text-red-700">
        {serverMessage}
      </p>
      <div>
        <button
          type="submit"
          aria-disabled={pending || undefined}
          className="inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700 aria-disabled:opacity-70 sm:w-auto"
        >
          {pending ? "Holding your time…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
