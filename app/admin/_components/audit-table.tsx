import type { AuditLog } from "@/lib/db/generated/client";
import { DataTable, Empty, When, tdClass } from "./ui";

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span>—</span>;
  return <pre className="max-w-xs overflow-x-auto whitespace-pre-wrap break-words text-xs">{JSON.stringify(value, null, 1)}</pre>;
}

export function AuditTable({
  entries,
  timeZone,
  caption,
  showEntity = false,
}: {
  entries: AuditLog[];
  timeZone: string;
  caption: string;
  showEntity?: boolean;
}) {
  if (entries.length === 0) return <Empty>Nothing recorded yet.</Empty>;
  const columns = ["When", "Who", "What", ...(showEntity ? ["On"] : []), "Before", "After"];
  return (
    <DataTable caption={caption} columns={columns}>
      {entries.map((a) => (
        <tr key={a.id}>
          <td className={tdClass}>
            <When at={a.createdAt} timeZone={timeZone} pattern="yyyy-MM-dd HH:mm:ss zzz" />
          </td>
          <td className={tdClass}>{a.actorEmail}</td>
          <td className={tdClass}>
            <code>{a.action}</code>
          </td>
          {showEntity ? (
            <td className={tdClass}>
              {a.bookingId ? (
                <a className="underline" href={`/admin/bookings/${a.bookingId}`}>
                  {a.entityType} {a.entityId.slice(0, 12)}
                </a>
              ) : (
                `${a.entityType} ${a.entityId.slice(0, 12)}`
              )}
            </td>
          ) : null}
          <td className={tdClass}>
            <Json value={a.before} />
          </td>
          <td className={tdClass}>
            <Json value={a.after} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
