import { z } from "zod";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { listAuditLog } from "@/lib/admin/audit-query";
import { settings } from "@/lib/settings/settings";
import { AuditTable } from "../../_components/audit-table";
import { PageHeader, Pagination } from "../../_components/ui";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage();
  const { page } = z.object({ page: z.coerce.number().int().min(1).catch(1) }).parse(await searchParams);
  const result = await listAuditLog(page);
  return (
    <>
      <PageHeader title="Audit log" />
      <AuditTable
        entries={result.rows}
        timeZone={(await settings()).BUSINESS_TIME_ZONE}
        caption="Every admin action, newest first"
        showEntity
      />
      <Pagination page={result.page} pageCount={result.pageCount} href={(p) => `/admin/audit?page=${p}`} />
    </>
  );
}
