import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { NavLink } from "../_components/nav-link";
import { NoticeProvider } from "../_components/notices";
import { signOut } from "./actions";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin" }, robots: { index: false, follow: false } };

const LINKS = [
  ["/admin", "Dashboard"],
  ["/admin/bookings", "Bookings"],
  ["/admin/slots", "Slots"],
  ["/admin/schedule", "Schedule"],
  ["/admin/payments", "Payments"],
  ["/admin/insights", "Insights"],
  ["/admin/emails", "Emails"],
  ["/admin/calendars", "Calendars"],
  ["/admin/calendar", "Calendar feed"],
  ["/admin/audit", "Audit log"],
  ["/admin/settings", "Settings"],
] as const;

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdminPage();
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <p className="font-semibold">Consultations admin</p>
          <nav aria-label="Admin">
            <ul className="flex flex-wrap gap-1">
              {LINKS.map(([href, label]) => (
                <li key={href}>
                  <NavLink href={href}>{label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <form action={signOut} className="flex items-center gap-2 text-sm">
            <span className="text-slate-200">{admin.email}</span>
            <button type="submit" className="rounded border border-slate-300 px-2 py-1 font-medium text-white hover:bg-slate-700">
              Sign out
            </button>
          </form>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <NoticeProvider>{children}</NoticeProvider>
      </main>
    </>
  );
}
