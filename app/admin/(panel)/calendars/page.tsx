import { requireAdminPage } from "@/lib/auth/require-admin";
import { calendarsPage } from "@/lib/admin/calendars";
import { settings } from "@/lib/settings/settings";
import { oauthNotice } from "@/lib/calendars/oauth/notices";
import { ActionForm } from "../../_components/action-form";
import { ChoiceGroup, Field, SelectField } from "../../_components/fields";
import { Badge, Empty, PageHeader, Section, When, linkClass } from "../../_components/ui";
import { addCaldavAction, chooseCalendarsAction, removeConnectionAction } from "./actions";

export const metadata = { title: "Calendars" };
export const dynamic = "force-dynamic";

const PROVIDER = { CALDAV: "CalDAV", GOOGLE: "Google Calendar", MICROSOFT: "Microsoft 365" } as const;

export default async function CalendarsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage();
  // The OAuth callback redirects here with ?oauth=<outcome>&provider=<google|microsoft>.
  const notice = oauthNotice(await searchParams);
  const timeZone = (await settings()).BUSINESS_TIME_ZONE;
  const { connections, choices, queue, stalePolicy } = await calendarsPage();
  return (
    <>
      <PageHeader title="Calendars">
        <p className="text-sm text-slate-700">
          Busy times in your calendars hide slots; confirmed bookings are written to the write calendar.
        </p>
      </PageHeader>
      {notice ? (
        <p
          role={notice.tone === "error" ? "alert" : "status"}
          className={`mb-4 rounded border p-3 text-sm ${notice.tone === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-green-300 bg-green-50 text-green-900"}`}
        >
          {notice.message}
        </p>
      ) : null}
      <Section title="Connections">
        <p className="mb-3 text-sm">When a calendar cannot be read: {stalePolicy}</p>
        {queue.pending + queue.failed > 0 ? (
          <p className="mb-3 text-sm" role="status">
            Calendar writes waiting: {queue.pending}
            {queue.failed > 0 ? `, given up: ${queue.failed}` : ""}.
          </p>
        ) : null}
        {connections.length === 0 ? <Empty>No calendar connected yet.</Empty> : null}
        <ul className="space-y-4">
          {connections.map((c) => {
            const choice = choices.find((x) => x.connectionId === c.id);
            const options = choice?.calendars ?? [];
            return (
              <li key={c.id} className="rounded border border-slate-300 p-3" aria-label={`Connection ${c.label}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-semibold">{c.label}</h3>
                  <Badge tone="slate">{PROVIDER[c.provider]}</Badge>
                  {c.source === "ENV" ? <Badge tone="blue">From environment</Badge> : null}
                  {c.status === "BROKEN" ? <Badge tone="red">Broken</Badge> : <Badge tone="green">OK</Badge>}
                </div>
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                  {c.serverUrl ? (
                    <>
                      <dt>Server</dt>
                      <dd>
                        {c.serverUrl} ({c.username})
                      </dd>
                    </>
                  ) : null}
                  {c.accountEmail ? (
                    <>
                      <dt>Account</dt>
                      <dd>{c.accountEmail}</dd>
                    </>
                  ) : null}
                  <dt>Last sync</dt>
                  <dd>{c.lastSyncAt ? <When at={c.lastSyncAt} timeZone={timeZone} /> : "Never"}</dd>
                  {c.status === "BROKEN" ? (
                    <>
                      <dt>Broken since</dt>
                      <dd>{c.brokenSince ? <When at={c.brokenSince} timeZone={timeZone} /> : "—"}</dd>
                      <dt>Reason</dt>
                      <dd className="text-red-800">{c.brokenReason}</dd>
                    </>
                  ) : c.lastError ? (
                    <>
                      <dt>Last error</dt>
                      <dd className="text-amber-800">{c.lastError}</dd>
                    </>
                  ) : null}
                </dl>
                {choice?.error ? <p className="mt-2 text-sm text-amber-800">Calendars could not be listed: {choice.error}</p> : null}
                {options.length > 0 ? (
                  <ActionForm action={chooseCalendarsAction} submitLabel="Save calendars" variant="secondary" className="mt-3 space-y-2">
                    <input type="hidden" name="id" value={c.id} />
                    <ChoiceGroup
                      legend="Busy calendars (none ticked: all of them)"
                      name="busy"
                      type="checkbox"
                      options={options.map((o) => ({ value: o.id, label: o.name }))}
                      defaultValues={c.busyCalendarIds}
                    />
                    <SelectField
                      label="Write confirmed bookings to"
                      name="write"
                      defaultValue={c.writeCalendarId ?? ""}
                      options={[
                        { value: "", label: "Nowhere" },
                        ...options.filter((o) => o.canWrite).map((o) => ({ value: o.id, label: o.name })),
                      ]}
                    />
                  </ActionForm>
                ) : null}
                {c.source === "ADMIN" ? (
                  <ActionForm
                    action={removeConnectionAction}
                    submitLabel="Remove"
                    submitAriaLabel={`Remove ${c.label}`}
                    variant="danger"
                    className="mt-3"
                    confirm={{ question: `Remove ${c.label}? Its busy times will stop hiding slots.`, confirmLabel: "Yes, remove" }}
                  >
                    <input type="hidden" name="id" value={c.id} />
                  </ActionForm>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Section>
      <Section title="Connect Google or Microsoft">
        <p className="flex flex-wrap gap-4 text-sm">
          <a className={linkClass} href="/api/admin/calendars/oauth/google/start">
            Connect Google
          </a>
          <a className={linkClass} href="/api/admin/calendars/oauth/microsoft/start">
            Connect Microsoft
          </a>
        </p>
      </Section>
      <Section title="Connect a CalDAV calendar">
        <p className="mb-2 text-sm">
          Nextcloud, iCloud, Fastmail, Radicale… Use an app password; it is stored encrypted and never shown again.
        </p>
        <ActionForm action={addCaldavAction} submitLabel="Connect CalDAV" className="max-w-md space-y-3" resetOnSuccess>
          <Field label="Name (optional)" name="label" maxLength={200} />
          <Field label="Server URL" name="serverUrl" type="url" required placeholder="https://cloud.example.com/remote.php/dav" />
          <Field label="Username" name="username" required autoComplete="off" />
          <Field label="App password" name="password" type="password" required autoComplete="new-password" />
        </ActionForm>
      </Section>
    </>
  );
}
