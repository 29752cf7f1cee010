import { requireAdminPage } from "@/lib/auth/require-admin";
import { env, type SettingName } from "@/lib/env";
import { METHOD_INFO, MEETING_METHODS } from "@/lib/meeting-methods";
import { parseRefundPolicy } from "@/lib/refund-policy";
import { settingsView } from "@/lib/settings/settings-view";
import { canonicalZoneIds } from "@/lib/time-zone-catalog";
import { ActionForm } from "../../_components/action-form";
import { ChoiceGroup, Field } from "../../_components/fields";
import { PageHeader, Section } from "../../_components/ui";
import { saveSettingsAction } from "./actions";
import { ResetBox, SettingField, sourceText, type FieldShape } from "./setting-field";

export const metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

type Spec = { name: SettingName; label: string; help?: string; shape: FieldShape };

const minutes = (max: number): FieldShape => ({ kind: "number", min: 0, max, unit: "minutes" });
const cap = (max: number): FieldShape => ({ kind: "number", min: 0, max, unit: "0 = no cap" });

const BUSINESS: Spec[] = [
  {
    name: "BUSINESS_NAME",
    label: "Business name",
    help: "Shown in the site header, the host panel and emails.",
    shape: { kind: "text", maxLength: 80 },
  },
  {
    name: "BUSINESS_DESCRIPTION",
    label: "Description",
    help: "The host panel beside the calendar on /contact.",
    shape: { kind: "textarea", maxLength: 400 },
  },
  {
    name: "BUSINESS_LOGO_PATH",
    label: "Logo path",
    help: "A PNG, JPEG, WebP or SVG file under public/, such as /logo.png; empty shows the name's initials.",
    shape: { kind: "text", maxLength: 200 },
  },
];

const RULES: Spec[] = [
  {
    name: "HOLD_MINUTES",
    label: "Hold length",
    help: "How long a time is kept for a visitor while they pay.",
    shape: { kind: "number", min: 1, max: 120, unit: "minutes" },
  },
  { name: "MIN_NOTICE_MINUTES", label: "Minimum notice", help: "Times starting sooner are not offered.", shape: minutes(60 * 24 * 14) },
  {
    name: "BOOKING_WINDOW_DAYS",
    label: "Booking window",
    help: "How far ahead visitors can book.",
    shape: { kind: "number", min: 1, max: 365, unit: "days" },
  },
  { name: "BUFFER_BEFORE_MINUTES", label: "Buffer before each meeting", shape: minutes(480) },
  { name: "BUFFER_AFTER_MINUTES", label: "Buffer after each meeting", shape: minutes(480) },
  { name: "MAX_BOOKINGS_PER_DAY", label: "Bookings per day at most", shape: cap(1000) },
  { name: "MAX_BOOKINGS_PER_WEEK", label: "Bookings per week at most", shape: cap(5000) },
  { name: "MAX_ACTIVE_BOOKINGS_PER_EMAIL", label: "Upcoming bookings per visitor email at most", shape: cap(1000) },
  {
    name: "RESCHEDULE_CUTOFF_HOURS",
    label: "Reschedule cut-off",
    help: "Visitors can move a booking until this long before it starts.",
    shape: { kind: "number", min: 0, max: 720, unit: "hours" },
  },
];

const ROOMS: Spec[] = [
  { name: "ZOOM_MEETING_URL", label: "Zoom room URL", shape: { kind: "text", type: "url", maxLength: 2000 } },
  { name: "TEAMS_MEETING_URL", label: "Microsoft Teams room URL", shape: { kind: "text", type: "url", maxLength: 2000 } },
  { name: "GOOGLE_MEET_URL", label: "Google Meet room URL", shape: { kind: "text", type: "url", maxLength: 2000 } },
  {
    name: "BUSINESS_PHONE",
    label: "Business phone number",
    help: "Shown to visitors who choose a phone call.",
    shape: { kind: "text", type: "tel", maxLength: 40 },
  },
];

const text = (v: unknown) => (v === undefined || v === null ? "" : Array.isArray(v) ? v.join(", ") : String(v));

export default async function SettingsPage() {
  await requireAdminPage();
  const { values, defaults, fields } = await settingsView();
  const timeZone = values.BUSINESS_TIME_ZONE;
  const field = (spec: Spec) => (
    <SettingField
      key={spec.name}
      {...spec}
      value={text(values[spec.name])}
      view={fields[spec.name]}
      source={sourceText(fields[spec.name], text(defaults[spec.name]), timeZone)}
    />
  );
  const zones = canonicalZoneIds();
  if (!zones.includes(timeZone)) zones.unshift(timeZone);
  const refund = parseRefundPolicy(values.REFUND_POLICY);
  const refundLocked = fields.REFUND_POLICY.source === "locked";
  const methodsLocked = fields.MEETING_METHODS_ENABLED.source === "locked";
  const embedScriptUrl = new URL("/embed.js", env().APP_URL).toString();

  return (
    <>
      <PageHeader title="Settings">
        <p className="text-sm text-slate-700">
          Saved values apply to the next request on every server; the environment gives the defaults.
        </p>
      </PageHeader>
      <ActionForm action={saveSettingsAction} submitLabel="Save settings" pendingLabel="Saving…" className="space-y-0">
        <Section title="Business">
          <div className="space-y-4">{BUSINESS.map(field)}</div>
        </Section>
        <Section title="Time zone">
          {field({
            name: "BUSINESS_TIME_ZONE",
            label: "Business time zone",
            help: "Slots, days and caps are counted in it. It cannot change while future bookings exist: their times were confirmed to visitors in this zone.",
            shape: { kind: "select", options: zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") })) },
          })}
        </Section>
        <Section title="Booking rules">
          <div className="grid gap-4 sm:grid-cols-2">{RULES.map(field)}</div>
        </Section>
        <Section title="Refund policy">
          <div className="space-y-2">
            <ChoiceGroup
              legend="When a visitor cancels"
              name="REFUND_POLICY"
              type="radio"
              disabled={refundLocked}
              hint={sourceText(fields.REFUND_POLICY, defaults.REFUND_POLICY, timeZone)}
              defaultValues={[refund.kind]}
              options={[
                { value: "always", label: "Always refund in full" },
                { value: "never", label: "Never refund" },
                { value: "hours_before", label: "Refund in full if cancelled early enough" },
              ]}
            />
            <Field
              label="Hours before the meeting (for “early enough”)"
              name="REFUND_POLICY_HOURS"
              type="number"
              min={0}
              max={9999}
              step={1}
              disabled={refundLocked}
              defaultValue={refund.kind === "hours_before" ? refund.hours : 24}
            />
            {fields.REFUND_POLICY.source === "saved" ? <ResetBox name="REFUND_POLICY" label="Refund policy" /> : null}
          </div>
        </Section>
        <Section title="Meeting methods">
          <div className="space-y-4">
            {/* Says the group was on the form, so no box ticked is "none", not "unchanged". */}
            {methodsLocked ? null : <input type="hidden" name="MEETING_METHODS_PRESENT" value="1" />}
            <ChoiceGroup
              legend="Methods visitors may choose"
              name="MEETING_METHODS_ENABLED"
              type="checkbox"
              disabled={methodsLocked}
              hint={`A video method is offered only with a room URL (or its API configured). ${sourceText(fields.MEETING_METHODS_ENABLED, text(defaults.MEETING_METHODS_ENABLED), timeZone)}`}
              defaultValues={[...values.MEETING_METHODS_ENABLED]}
              options={MEETING_METHODS.map((m) => ({ value: m, label: METHOD_INFO[m].label }))}
            />
            {fields.MEETING_METHODS_ENABLED.source === "saved" ? <ResetBox name="MEETING_METHODS_ENABLED" label="Meeting methods" /> : null}
            <div className="grid gap-4 sm:grid-cols-2">{ROOMS.map(field)}</div>
          </div>
        </Section>
        <Section title="Notifications">
          {field({
            name: "ADMIN_NOTIFY_EMAIL",
            label: "Admin notification email",
            help: "New bookings and failures are sent here; empty sends none.",
            shape: { kind: "text", type: "email", maxLength: 254 },
          })}
        </Section>
        <Section title="Embed on your site">
          <div className="space-y-3">
            {field({
              name: "EMBED_ALLOWED_ORIGINS",
              label: "Sites allowed to embed the booking flow",
              help: "Comma-separated origins such as https://www.example.com; empty allows none (docs/embed.md).",
              shape: { kind: "text", maxLength: 2000 },
            })}
            <p className="text-sm text-slate-700">Paste this where the booking flow should appear on an allowed site:</p>
            <pre
              tabIndex={0}
              aria-label="Embed snippet"
              className="overflow-x-auto rounded-lg bg-slate-100 p-3 text-xs text-slate-900"
            >{`<div data-booking-embed></div>\n<script src="${embedScriptUrl}" async></script>`}</pre>
            <p className="text-sm text-slate-700">
              Or a button that opens it in a popup:{" "}
              <code>{`<button type="button" data-booking-embed-popup>Book a consultation</button>`}</code>
            </p>
          </div>
        </Section>
      </ActionForm>
    </>
  );
}
