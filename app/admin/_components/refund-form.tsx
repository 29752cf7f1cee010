"use client";
import type { AdminAction } from "@/app/admin/_lib/action-state";
import { formatMoney, parseAmountToCents } from "@/lib/format";
import { ActionForm } from "./action-form";
import { ChoiceGroup, Field } from "./fields";

/** Full or partial refund, with a confirmation that repeats the amount. */
export function RefundForm({
  action,
  bookingId,
  paymentId,
  requestKey,
  remainingCents,
  currency,
}: {
  action: AdminAction;
  bookingId: string;
  paymentId: string;
  requestKey: string;
  remainingCents: number;
  currency: string;
}) {
  const describe = (values: FormData) => {
    const partial = values.get("kind") === "partial";
    const typed = String(values.get("amount") ?? "").trim();
    const cents = parseAmountToCents(typed);
    // The same formatter as everywhere else; what cannot be read is repeated as typed.
    const amount = partial
      ? cents === undefined
        ? `${typed || "?"} ${currency.toUpperCase()}`
        : formatMoney(cents, currency)
      : formatMoney(remainingCents, currency);
    return `Refund ${amount} to the visitor? Money sent back cannot be recalled.`;
  };
  return (
    <ActionForm
      action={action}
      submitLabel="Review refund"
      variant="danger"
      confirm={{ question: "", confirmLabel: "Yes, refund" }}
      describeConfirm={describe}
    >
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="paymentId" value={paymentId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <ChoiceGroup
        legend="Refund"
        name="kind"
        type="radio"
        defaultValues={["full"]}
        options={[
          { value: "full", label: `Everything not yet refunded (${formatMoney(remainingCents, currency)})` },
          { value: "partial", label: "A partial amount" },
        ]}
      />
      <Field
        label={`Partial amount (${currency.toUpperCase()})`}
        name="amount"
        inputMode="decimal"
        placeholder="5.00"
        hint="Only used for a partial refund."
      />
      <Field label="Reason" name="reason" required maxLength={500} />
    </ActionForm>
  );
}
