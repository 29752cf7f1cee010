import { randomUUID } from "node:crypto";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { getBookingDetail, type BookingDetail } from "@/lib/admin/booking-detail";
import { OUTCOME_LABELS } from "@/lib/admin/labels";
import { METHOD_INFO } from "@/lib/meeting-methods";
import { bookingIdSchema } from "@/lib/booking/schemas";
import { settings } from "@/lib/settings/settings";
import { capturePlanReasonLabel } from "@/lib/status/fee-timing";
import { isRefundable } from "@/lib/status/payment-status";
import { allowedAdminActions, requiresPayment } from "@/lib/booking/admin-transitions";
import { bookingRuleBreaches } from "@/lib/booking/rule-breaches";
import { formatMoney } from "@/lib/format";
import { isExternalRefund } from "@/lib/payments/external-refunds";
import { ActionForm } from "../../../_components/action-form";
import { ChoiceGroup, Field, SelectField, TextAreaField } from "../../../_components/fields";
import { RefundForm } from "../../../_components/refund-form";
import { AuditTable } from "../../../_components/audit-table";
import {
  Badge,
  BookingStatusBadge,
  DataTable,
  EmailStatusBadge,
  Empty,
  FeeTimingNote,
  Money,
  PageHeader,
  PaymentStateBadge,
  SafeLink,
  Section,
  When,
  linkClass,
  tdClass,
} from "../../../_components/ui";
import {
  cancelBookingAction,
  confirmBookingAction,
  markCompletedAction,
  markNoShowAction,
  recordOutcomeAction,
  refundPaymentAction,
  reissueManageLinkAction,
  sendReminderAction,
  settleAndConfirmAction,
} from "./actions";
import { captureNowAction, releaseAuthorizationAction } from "./capture-actions";

export const metadata = { title: "Booking" };

const PROVIDER_LABEL = { DEMO: "Demo", STRIPE: "Stripe", MANUAL: "Outside the app" } as const;

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 border-b border-slate-200 py-1.5 text-sm">
      <dt className="font-medium text-slate-700">{term}</dt>
      <dd className="col-span-2 text-slate-900">{children}</dd>
    </div>
  );
}

function BookingActions({ b, now }: { b: BookingDetail; now: Date }) {
  const hidden = <input type="hidden" name="bookingId" value={b.id} />;
  const started = b.slot.startsAt <= now;
  const free = !requiresPayment(b.slot);
  const allowed = allowedAdminActions({ ...b.slot, status: b.status, reminderSentAt: b.reminderSentAt }, now);
  const actions: React.ReactNode[] = [];
  if (allowed.confirm) {
    actions.push(
      <ActionForm key="confirm" action={confirmBookingAction} submitLabel="Confirm booking">
        {hidden}
      </ActionForm>,
    );
  }
  if (allowed.settle) {
    actions.push(<SettleForm key="settle" b={b} />);
  }
  if (allowed.complete) {
    actions.push(
      <ActionForm key="complete" action={markCompletedAction} submitLabel="Mark completed" variant="secondary">
        {hidden}
      </ActionForm>,
    );
  }
  if (allowed.noShow) {
    actions.push(
      <ActionForm key="noshow" action={markNoShowAction} submitLabel="Mark no-show" variant="secondary">
        {hidden}
      </ActionForm>,
    );
  }
  if (allowed.remind) {
    actions.push(
      <ActionForm key="remind" action={sendReminderAction} submitLabel="Send reminder now" variant="secondary">
        {hidden}
      </ActionForm>,
    );
  }
  const ended = b.slot.startsAt.getTime() + b.slot.durationMinutes * 60_000 <= now.getTime();
  if (b.status === "CONFIRMED" && b.manageTokenHash && !ended) {
    actions.push(
      <ActionForm
        key="reissue"
        action={reissueManageLinkAction}
        submitLabel="Revoke and resend the visitor's link"
        variant="secondary"
        confirm={{
          question: "Revoke the visitor's manage link? Every link sent so far stops working, and the visitor is emailed a new one.",
          confirmLabel: "Yes, revoke and resend",
        }}
      >
        {hidden}
      </ActionForm>,
    );
  }
  const cancellable = b.status === "PENDING_PAYMENT" || b.status === "CONFIRMED";
  return (
    <>
      {actions.length > 0 ? <div className="flex flex-wrap items-start gap-4">{actions}</div> : null}
      {actions.length === 0 && !cancellable ? (
        <p className="text-sm text-slate-700" data-testid="no-actions">
          {NO_ACTION_REASON[b.status] ?? "No action applies to this booking now."}
        </p>
      ) : null}
      {b.status === "CONFIRMED" && !started && b.reminderSentAt ? (
        <p className="mt-2 text-sm text-slate-700">A reminder has already been sent.</p>
      ) : null}
      {b.status === "CONFIRMED" && !started ? (
        <p className="mt-2 text-sm text-slate-700">Completed and no-show can be recorded once the meeting has started.</p>
      ) : null}
      {b.status === "PENDING_PAYMENT" && !free ? (
        <p className="mt-2 text-sm text-slate-700">
          This slot requires payment: the booking confirms itself when the visitor pays, or mark it confirmed above.
        </p>
      ) : null}
    </>
  );
}

/** Why the Actions section offers nothing (cancel is offered for held and confirmed bookings). */
const NO_ACTION_REASON: Partial<Record<BookingDetail["status"], string>> = {
  CANCELLED: "This booking was cancelled: nothing more can be done with it. The visitor can book again.",
  COMPLETED: "The meeting took place. Record the project outcome below.",
  NO_SHOW: "The visitor did not attend. Record the project outcome below.",
};

/** Mark confirmed on a paid slot: how the fee was settled, and why (kept with the payment and in the audit log). */
function SettleForm({ b }: { b: BookingDetail }) {
  const fee = formatMoney(b.slot.priceCents, b.slot.currency);
  return (
    <div className="max-w-lg">
      <h3 className="mb-2 text-base font-semibold">Mark confirmed</h3>
      <ActionForm
        action={settleAndConfirmAction}
        submitLabel="Mark confirmed…"
        confirm={{
          question: `Confirm this ${fee} booking with the choice and reason above? The visitor is emailed the confirmation, and any open card payment is cancelled.`,
          confirmLabel: "Yes, confirm booking",
        }}
      >
        <input type="hidden" name="bookingId" value={b.id} />
        <ChoiceGroup
          legend={`The ${fee} fee was`}
          name="settlement"
          type="radio"
          defaultValues={["PAID_OUTSIDE"]}
          options={[
            { value: "PAID_OUTSIDE", label: "Paid outside the app (bank transfer, cash)" },
            { value: "WAIVED", label: "Waived" },
          ]}
        />
        <Field label="Reason (kept with the payment)" name="reason" maxLength={500} required />
      </ActionForm>
    </div>
  );
}

/** Capture now or release, only while the fee is authorised (ADR 120); both are audited. */
function CaptureForms({ b }: { b: BookingDetail }) {
  const payment = b.payment;
  if (!payment || payment.status !== "AUTHORIZED") return null;
  const amount = formatMoney(payment.amountCents, payment.currency);
  const hidden = <input type="hidden" name="bookingId" value={b.id} />;
  return (
    <div className="mt-4 flex max-w-lg flex-wrap items-start gap-4">
      <ActionForm
        action={captureNowAction}
        submitLabel="Capture now"
        confirm={{
          question: `Charge ${amount} to the visitor's card now, instead of at the planned time?`,
          confirmLabel: "Yes, capture now",
        }}
      >
        {hidden}
      </ActionForm>
      <ActionForm
        action={releaseAuthorizationAction}
        submitLabel="Release…"
        variant="danger"
        confirm={{
          question: `Release the card authorisation? Nothing is charged and the ${amount} fee cannot be taken later; the booking stays as it is.`,
          confirmLabel: "Yes, release",
        }}
      >
        {hidden}
        <Field label="Reason for releasing (kept in the audit log)" name="reason" maxLength={500} required />
      </ActionForm>
    </div>
  );
}

function CancelForm({ b }: { b: BookingDetail }) {
  const currency = b.payment?.currency ?? b.slot.currency;
  const paid = b.cancelPreview.fullCents > 0;
  const authorized = b.payment?.status === "AUTHORIZED";
  // An authorised fee is released on cancel, not refunded (ADR 120).
  const released = b.cancelFeeOutcome === "released" ? " The card authorisation is released; nothing is charged." : "";
  return (
    <ActionForm
      action={cancelBookingAction}
      submitLabel="Cancel booking…"
      variant="danger"
      confirm={{
        question:
          b.status === "CONFIRMED"
            ? `Cancel this booking? The visitor will be emailed and the slot freed.${released}`
            : "Cancel this held booking and free the slot?",
        confirmLabel: "Yes, cancel booking",
      }}
    >
      <input type="hidden" name="bookingId" value={b.id} />
      {authorized ? (
        <ChoiceGroup
          legend="Fee (authorised, not charged yet)"
          name="refund"
          type="radio"
          defaultValues={["policy"]}
          options={[
            { value: "policy", label: `By the refund policy (${released ? "release the authorisation" : "keep the fee"})` },
            { value: "full", label: "Release the authorisation (nothing charged)" },
            { value: "none", label: "Keep the fee (charge the card now)" },
          ]}
        />
      ) : paid ? (
        <ChoiceGroup
          legend="Refund"
          name="refund"
          type="radio"
          defaultValues={["policy"]}
          options={[
            { value: "policy", label: `By the refund policy (${formatMoney(b.cancelPreview.policyCents, currency)})` },
            { value: "full", label: `Full refund (${formatMoney(b.cancelPreview.fullCents, currency)})` },
            { value: "none", label: "No refund" },
          ]}
        />
      ) : (
        <input type="hidden" name="refund" value="none" />
      )}
      <Field label="Reason (shown to the visitor)" name="reason" maxLength={500} />
    </ActionForm>
  );
}

export default async function BookingPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  if (!bookingIdSchema.safeParse(id).success) notFound();
  const b = await getBookingDetail(id);
  if (!b) notFound();
  const s = await settings();
  const timeZone = s.BUSINESS_TIME_ZONE;
  const now = new Date();
  const payment = b.payment;
  const remaining = payment ? payment.amountCents - payment.refundedCents : 0;
  const refundable = isRefundable(payment) && remaining > 0;
  const breaches = (await bookingRuleBreaches([b.id], s, now)).get(b.id);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/bookings" className={linkClass}>
          ← All bookings
        </Link>
      </p>
      <PageHeader title={`Booking: ${b.name}`}>
        <BookingStatusBadge status={b.status} />
        {b.refundedOutsideApp ? <Badge tone="amber">Refunded outside the app</Badge> : null}
      </PageHeader>
      {b.refundedOutsideApp ? (
        <p
          role="alert"
          data-testid="refunded-outside-app"
          className="mb-4 rounded border border-amber-600 bg-amber-50 p-3 text-sm text-amber-950"
        >
          Money on this booking was refunded outside the app (for example in the Stripe dashboard), and the booking is still confirmed.
          Cancel it below if the meeting should not go ahead.
        </p>
      ) : null}
      {breaches ? (
        <div data-testid="rule-breaches" className="mb-4 rounded border border-amber-600 bg-amber-50 p-3 text-sm text-amber-950">
          <p>This booking stays valid, but the current booking rules would refuse it now:</p>
          <ul className="list-disc pl-5">
            {breaches.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Lead">
          <dl>
            <Detail term="Name">{b.name}</Detail>
            <Detail term="Email">
              <a className={linkClass} href={`mailto:${b.email}`}>
                {b.email}
              </a>
            </Detail>
            <Detail term="Company">{b.company ?? "—"}</Detail>
            <Detail term="Phone">{b.phone ?? "—"}</Detail>
            <Detail term="Visitor time zone">{b.timeZone}</Detail>
            <Detail term="Booked">{<When at={b.createdAt} timeZone={timeZone} />}</Detail>
            <Detail term="Reference">
              <code>{b.id}</code>
            </Detail>
          </dl>
          <h3 className="mt-3 text-sm font-semibold">Notes from the visitor</h3>
          {/* Rendered as text: React escapes it, so markup in notes stays inert. */}
          <p data-testid="visitor-notes" className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-sm">
            {b.notes ?? "—"}
          </p>
        </Section>

        <Section title="Meeting">
          <dl>
            <Detail term="Starts">{<When at={b.slot.startsAt} timeZone={timeZone} />}</Detail>
            <Detail term="Visitor's time">{<When at={b.slot.startsAt} timeZone={b.timeZone} />}</Detail>
            <Detail term="Duration">{b.slot.durationMinutes} minutes</Detail>
            <Detail term="Method">{METHOD_INFO[b.method].label}</Detail>
            <Detail term="Meeting link">
              <SafeLink url={b.meetingUrl} />
            </Detail>
            <Detail term="Reminder sent">{b.reminderSentAt ? <When at={b.reminderSentAt} timeZone={timeZone} /> : "Not yet"}</Detail>
            {b.cancelledAt ? (
              <Detail term="Cancelled">
                {<When at={b.cancelledAt} timeZone={timeZone} />} {b.cancellationReason ? `— ${b.cancellationReason}` : null}
              </Detail>
            ) : null}
          </dl>
        </Section>
      </div>

      <Section title="Actions">
        <BookingActions b={b} now={now} />
        {b.status === "PENDING_PAYMENT" || b.status === "CONFIRMED" ? (
          <div className="mt-4 max-w-lg">
            <h3 className="mb-2 text-base font-semibold">Cancel</h3>
            <CancelForm b={b} />
          </div>
        ) : null}
      </Section>

      <Section title="Project outcome">
        <p className="mb-2 text-sm">Currently: {b.projectOutcome ? OUTCOME_LABELS[b.projectOutcome] : "Not recorded"}</p>
        <div className="max-w-lg">
          <ActionForm action={recordOutcomeAction} submitLabel="Save outcome">
            <input type="hidden" name="bookingId" value={b.id} />
            <SelectField
              label="Outcome"
              name="projectOutcome"
              defaultValue={b.projectOutcome ?? "NONE"}
              options={(["NONE", "WON", "LOST"] as const).map((v) => ({ value: v, label: OUTCOME_LABELS[v] }))}
            />
            <TextAreaField label="Project notes" name="projectNotes" rows={3} maxLength={2000} defaultValue={b.projectNotes ?? ""} />
          </ActionForm>
        </div>
      </Section>

      <Section title="Payment" id="payment">
        {payment ? (
          <>
            <dl>
              <Detail term="Amount">
                <Money cents={payment.amountCents} currency={payment.currency} />
              </Detail>
              <Detail term="Status">
                <PaymentStateBadge payment={payment} booking={b} />
                <FeeTimingNote payment={payment} timeZone={timeZone} />
              </Detail>
              {payment.capturePlanReason ? (
                <Detail term="Path">
                  <span data-testid="capture-plan">{capturePlanReasonLabel(payment.capturePlanReason)}</span>
                </Detail>
              ) : null}
              {payment.captureError ? (
                <Detail term="Capture error">
                  {payment.captureError}
                  {payment.captureAttempts > 0 ? ` (after ${payment.captureAttempts} attempts)` : null}
                </Detail>
              ) : null}
              <Detail term="Refunded">
                <Money cents={payment.refundedCents} currency={payment.currency} />
              </Detail>
              <Detail term="Provider">
                {PROVIDER_LABEL[payment.provider]} <code className="text-xs">{payment.providerPaymentId}</code>
              </Detail>
              {payment.settlementReason ? <Detail term="Settled by the business">{payment.settlementReason}</Detail> : null}
              {payment.succeededAt ? <Detail term="Paid">{<When at={payment.succeededAt} timeZone={timeZone} />}</Detail> : null}
              {payment.failureMessage ? <Detail term="Failure">{payment.failureMessage}</Detail> : null}
            </dl>
            <CaptureForms b={b} />
            <h3 className="mt-4 text-base font-semibold">Refunds</h3>
            {payment.refunds.length === 0 ? (
              <Empty>No refunds.</Empty>
            ) : (
              <DataTable caption="Refunds" columns={["When", "Amount", "Status", "Reason"]}>
                {payment.refunds.map((r) => (
                  <tr key={r.id}>
                    <td className={tdClass}>
                      <When at={r.createdAt} timeZone={timeZone} />
                    </td>
                    <td className={tdClass}>
                      <Money cents={r.amountCents} currency={payment.currency} />
                    </td>
                    <td className={tdClass}>{r.status.toLowerCase()}</td>
                    <td className={tdClass}>
                      {r.reason ?? "—"}
                      {isExternalRefund(r) ? " (outside the app)" : null}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
            {refundable ? (
              <div className="mt-4 max-w-lg">
                <h3 className="mb-2 text-base font-semibold">Refund this payment</h3>
                <RefundForm
                  action={refundPaymentAction}
                  bookingId={b.id}
                  paymentId={payment.id}
                  requestKey={randomUUID()}
                  remainingCents={remaining}
                  currency={payment.currency}
                />
              </div>
            ) : null}
          </>
        ) : (
          <Empty>{b.slot.priceCents > 0 && b.slot.requiresPayment ? "No payment has been started." : "Free slot: no payment."}</Empty>
        )}
      </Section>

      <Section title="Emails">
        {b.emails.length === 0 ? (
          <Empty>No emails for this booking.</Empty>
        ) : (
          <DataTable caption="Emails for this booking" columns={["Email", "To", "Status", "Attempts", "Sent"]}>
            {b.emails.map((e) => (
              <tr key={e.id}>
                <td className={tdClass}>
                  <Link className={linkClass} href={`/admin/emails/${e.id}`}>
                    {e.kind.replace(/_/g, " ")}
                  </Link>
                </td>
                <td className={tdClass}>{e.toAddress}</td>
                <td className={tdClass}>
                  <EmailStatusBadge status={e.status} />
                </td>
                <td className={tdClass}>{e.attempts}</td>
                <td className={tdClass}>{e.sentAt ? <When at={e.sentAt} timeZone={timeZone} /> : "—"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>

      <Section title="Audit log">
        <AuditTable entries={b.auditEntries} timeZone={timeZone} caption="Admin actions on this booking" />
      </Section>
    </>
  );
}
