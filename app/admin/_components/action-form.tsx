"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import type { AdminAction, AdminActionResult } from "@/app/admin/_lib/action-state";
import { FormStateContext } from "./form-state";
import { useNotify } from "./notices";

export type ConfirmStep = {
  /** Asked before the action runs, e.g. "Refund $10 to the visitor?". */
  question: string;
  confirmLabel: string;
};

/**
 * A form bound to an admin server action: shows its message (announced to screen
 * readers), passes field errors to the fields, and optionally asks for confirmation
 * before submitting. Works with the keyboard: the confirm button takes focus.
 */
export function ActionForm({
  action,
  submitLabel,
  pendingLabel = "Working…",
  confirm,
  children,
  className,
  variant = "primary",
  resetOnSuccess = false,
  describeConfirm,
  submitAriaLabel,
}: {
  action: AdminAction;
  submitLabel: string;
  pendingLabel?: string;
  confirm?: ConfirmStep;
  children?: React.ReactNode;
  className?: string;
  variant?: "primary" | "secondary" | "danger";
  resetOnSuccess?: boolean;
  /** Builds the confirmation question from the form's current values. */
  describeConfirm?: (values: FormData) => string;
  /** A fuller name when the visible label repeats down a list ("Close" → "Close slot at 9:00"). */
  submitAriaLabel?: string;
}) {
  const [state, setState] = useState<AdminActionResult | undefined>(undefined);
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const notify = useNotify();

  useEffect(() => {
    if (confirming !== null) confirmRef.current?.focus();
  }, [confirming]);

  // Success goes to the page-level notice, which outlives this form: the page re-renders
  // with the action's result, and the form (say, "Confirm booking") may be gone from it.
  // Errors and one-time data stay next to the form. Calling the action here rather than
  // through the form's action attribute also keeps what was typed when errors come back
  // (React resets a form after an action attribute's submit).
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    const returnFocus = confirming !== null;
    startTransition(async () => {
      const result = await action(state, data);
      // A new result replaces the old notice: an earlier success must not sit beside a new error.
      if (notify) notify(result.ok && result.message && !result.data ? result.message : null);
      if (result.ok && resetOnSuccess) formRef.current?.reset();
      setState(result);
      setConfirming(null);
      // Keyboard focus returns to the form's button (if still there), not to the page top.
      if (returnFocus) requestAnimationFrame(() => startRef.current?.focus());
    });
  }
  const showInline = !state?.ok || !notify || !!state.data;

  const buttonClass = {
    primary: "bg-brand-700 text-white hover:bg-brand-800",
    secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
    danger: "bg-red-700 text-white hover:bg-red-800",
  }[variant];

  function startConfirm() {
    const form = formRef.current;
    if (!form || !form.reportValidity()) return;
    setConfirming(describeConfirm ? describeConfirm(new FormData(form)) : (confirm?.question ?? ""));
  }

  return (
    <FormStateContext.Provider value={state}>
      <form ref={formRef} onSubmit={onSubmit} className={className ?? "space-y-3"}>
        {children}
        {confirming === null ? (
          <button
            ref={startRef}
            type={confirm ? "button" : "submit"}
            onClick={confirm ? startConfirm : undefined}
            disabled={pending}
            aria-label={submitAriaLabel}
            className={`rounded px-3 py-2 text-sm font-semibold disabled:opacity-60 ${buttonClass}`}
          >
            {pending ? pendingLabel : submitLabel}
          </button>
        ) : (
          <div role="group" aria-label="Confirm" className="space-y-2 rounded border border-amber-500 bg-amber-50 p-3">
            <p className="text-sm text-slate-900">{confirming}</p>
            <div className="flex gap-2">
              <button
                ref={confirmRef}
                type="submit"
                disabled={pending}
                className={`rounded px-3 py-2 text-sm font-semibold ${buttonClass}`}
              >
                {pending ? pendingLabel : confirm?.confirmLabel}
              </button>
              <button
                type="button"
                onClick={() => {
                  setConfirming(null);
                  requestAnimationFrame(() => startRef.current?.focus());
                }}
                className="rounded border border-slate-400 bg-white px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100"
              >
                Go back
              </button>
            </div>
          </div>
        )}
        {showInline ? <FormMessage state={state} /> : null}
      </form>
    </FormStateContext.Provider>
  );
}

function FormMessage({ state }: { state: AdminActionResult | undefined }) {
  const data = state?.ok && state.data ? Object.entries(state.data) : [];
  return (
    <div aria-live="polite" className="text-sm">
      {state?.message ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? "font-medium text-emerald-800" : "font-medium text-red-800"}>
          {state.message}
        </p>
      ) : null}
      {data.map(([label, value]) => (
        <p key={label} className="mt-1 break-all">
          <span className="font-medium">{label}: </span>
          <code className="rounded bg-slate-100 px-1">{value}</code>
        </p>
      ))}
    </div>
  );
}
