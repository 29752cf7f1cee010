import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { getOutboxEmail, outboxAttachments } from "@/lib/admin/email-outbox";
import { settings } from "@/lib/settings/settings";
import { ActionForm } from "../../../_components/action-form";
import { EmailStatusBadge, PageHeader, Section, When, linkClass } from "../../../_components/ui";
import { resendEmailAction } from "../actions";

export const metadata = { title: "Email" };

export default async function EmailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdminPage();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const email = await getOutboxEmail(id);
  if (!email) notFound();
  const timeZone = (await settings()).BUSINESS_TIME_ZONE;
  const attachments = await outboxAttachments(email);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/emails" className={linkClass}>
          ← All emails
        </Link>
      </p>
      <PageHeader title={email.subject ?? email.kind.replace(/_/g, " ")}>
        <EmailStatusBadge status={email.status} />
      </PageHeader>
      <Section title="Delivery">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">To</dt>
          <dd>{email.toAddress}</dd>
          <dt className="font-medium">Kind</dt>
          <dd>{email.kind}</dd>
          <dt className="font-medium">Booking</dt>
          <dd>
            {email.bookingId ? (
              <Link className={linkClass} href={`/admin/bookings/${email.bookingId}`}>
                {email.bookingId}
              </Link>
            ) : (
              "—"
            )}
          </dd>
          <dt className="font-medium">Attempts</dt>
          <dd>{email.attempts}</dd>
          <dt className="font-medium">Queued</dt>
          <dd>
            <When at={email.createdAt} timeZone={timeZone} />
          </dd>
          <dt className="font-medium">Sent</dt>
          <dd>{email.sentAt ? <When at={email.sentAt} timeZone={timeZone} /> : "—"}</dd>
          <dt className="font-medium">Last error</dt>
          <dd className="break-words">{email.lastError ?? "—"}</dd>
          <dt className="font-medium">Attachments</dt>
          <dd>
            {attachments.length === 0
              ? "None"
              : attachments.map((a) => (
                  <a
                    key={a.filename}
                    className={`${linkClass} mr-3`}
                    href={`/api/admin/emails/${email.id}/attachments/${encodeURIComponent(a.filename)}`}
                    download={a.filename}
                  >
                    Download {a.filename}
                  </a>
                ))}
          </dd>
        </dl>
        {email.status === "FAILED" ? (
          <div className="mt-3">
            <ActionForm action={resendEmailAction} submitLabel="Resend">
              <input type="hidden" name="emailId" value={email.id} />
            </ActionForm>
          </div>
        ) : null}
      </Section>
      <Section title="Rendered email">
        {email.html ? (
          // sandbox="" blocks scripts, forms and navigation: the email is shown, never run.
          <iframe
            title="Email preview"
            sandbox=""
            srcDoc={email.html}
            className="h-[32rem] w-full rounded border border-slate-300 bg-white"
          />
        ) : (
          <p className="text-sm text-slate-700">Not rendered yet: the email is rendered when it is first sent.</p>
        )}
        {email.text ? (
          <>
            <h3 className="mt-4 text-base font-semibold">Plain text</h3>
            {/* Focusable so a keyboard user can scroll a long text (WCAG 2.1.1, axe scrollable-region-focusable). */}
            <pre
              tabIndex={0}
              aria-label="Plain text of the email"
              className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-sm"
            >
              {email.text}
            </pre>
          </>
        ) : null}
      </Section>
    </>
  );
}
