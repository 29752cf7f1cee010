"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className="rounded px-2 py-1 text-sm font-medium text-slate-100 hover:bg-slate-700 aria-[current=page]:bg-slate-100 aria-[current=page]:text-slate-900"
    >
      {children}
    </Link>
  );
}
