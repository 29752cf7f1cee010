export type Step = "date" | "method" | "details" | "payment";

const STEPS: { step: Step; label: string }[] = [
  { step: "date", label: "Time" },
  { step: "method", label: "Method" },
  { step: "details", label: "Details" },
  { step: "payment", label: "Payment" },
];

/** Where the visitor is in the journey; the current step is marked for assistive tech. */
export function StepList({ step }: { step: Step }) {
  const current = STEPS.findIndex((s) => s.step === step);
  return (
    <ol aria-label="Booking steps" className="grid grid-cols-4 gap-2 text-xs sm:text-sm">
      {STEPS.map((s, i) => (
        <li
          key={s.step}
          aria-current={i === current ? "step" : undefined}
          className={`border-t-4 pt-1.5 ${i <= current ? "border-brand-600 text-slate-900" : "border-slate-200 text-slate-600"} ${i === current ? "font-semibold" : ""}`}
        >
          <span className="sr-only">Step {i + 1}: </span>
          {s.label}
          {i < current && <span className="sr-only"> (done)</span>}
        </li>
      ))}
    </ol>
  );
}
