import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { emailFiltersSchema, listOutbox } from "@/lib/admin/email-outbox";
import { EMAIL_STATUS_LABELS } from "@/lib/admin/labels";
import { settings } from "@/lib/settings/settings";
import { ActionForm } from "../../_components/action-form";
import {
  DataTable,
  EmailStatusBadge,
  Empty,
  PageHeader,
  Pagination,
  StatusFilter,
  When,
  linkClass,
  pageHref,
  tdClass,
} from "../../_components/ui";
import { resendEmailAction } from "./actions";

export const metadata = { title: "Emails" };

export default async function EmailsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage();
  const timeZone = (await settings()).BUSINESS_TIME_ZONE;
  const filters = emailFiltersSchema.parse(await searchParams);
  const result = await listOutbox(filters);
  return (
    <>
      <PageHeader title="Emails" />
      <StatusFilter label="Emails" value={filters.status} labels={EMAIL_STATUS_LABELS} />
      {result.rows.length === 0 ? (
        <Empty>No emails.</Empty>
      ) : (
        <DataTable
          caption="Outbox"
          columns={[
            "Queued",
            "Email",
            "To",
            "Status",
            "Attempts",
            "Last error",
            <span key="a" className="sr-only">
              Actions
            </span>,
          ]}
        >
          {result.rows.map((e) => (
            <tr key={e.id}>
              <td className={tdClass}>
                <When at={e.createdAt} timeZone={timeZone} pattern="MMM d, yyyy, h:mm a" />
              </td>
              <td className={tdClass}>
                <Link className={linkClass} href={`/admin/emails/${e.id}`}>
                  {e.subject ?? e.kind.replace(/_/g, " ")}
                </Link>
              </td>
              <td className={tdClass}>{e.toAddress}</td>
              <td className={tdClass}>
                <EmailStatusBadge status={e.status} />
              </td>
              <td className={`${tdClass} tabular-nums`}>{e.attempts}</td>
              <td className={`${tdClass} max-w-xs break-words`}>{e.lastError ?? "—"}</td>
              <td className={tdClass}>
                {e.status === "FAILED" ? (
                  <ActionForm
                    action={resendEmailAction}
                    submitLabel="Resend"
                    variant="secondary"
                    submitAriaLabel={`Resend ${e.kind.replace(/_/g, " ")} to ${e.toAddress}`}
                  >
                    <input type="hidden" name="emailId" value={e.id} />
                  </ActionForm>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination
        page={result.page}
        pageCount={result.pageCount}
        href={(page) => pageHref("/admin/emails", { status: filters.status }, page)}
      />
    </>
  );
}
