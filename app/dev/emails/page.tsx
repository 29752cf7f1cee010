import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { templatePreviews } from "@/emails/templates";
import { isProduction } from "@/lib/env";

// Development-only preview of every email template with its preview props (the
// react-email preview CLI is not installed; `npm run email:dev` points here).

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Email previews", robots: { index: false, follow: false } };

export default function EmailPreviewsPage() {
  if (isProduction()) notFound();
  const previews = templatePreviews();
  return (
    <main className="mx-auto max-w-5xl space-y-10 p-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Email previews</h1>
        <p className="text-sm text-zinc-600">
          Each template rendered with its preview props. Emails the app actually queued are at{" "}
          <Link className="underline" href="/admin/emails">
            /admin/emails
          </Link>
          .
        </p>
        <nav aria-label="Templates" className="flex flex-wrap gap-3 pt-2 text-sm">
          {previews.map((p) => (
            <a key={p.name} className="underline" href={`#${p.name}`}>
              {p.title}
            </a>
          ))}
        </nav>
      </header>
      {previews.map((p) => (
        <section key={p.name} id={p.name} aria-labelledby={`${p.name}-title`} className="space-y-2">
          <h2 id={`${p.name}-title`} className="text-lg font-semibold">
            {p.title}
          </h2>
          <p className="text-sm">
            <span className="text-zinc-600">Subject:</span> {p.subject}
          </p>
          <p className="flex gap-4 text-sm">
            <a className="underline" href={`/dev/emails/${p.name}`}>
              HTML
            </a>
            <a className="underline" href={`/dev/emails/${p.name}?format=text`}>
              Plain text
            </a>
            <a className="underline" href={`/dev/emails/${p.name}?format=ics`}>
              Download the invitation (.ics), if any
            </a>
          </p>
          <iframe
            title={`${p.title} (HTML)`}
            src={`/dev/emails/${p.name}`}
            className="h-[560px] w-full rounded border border-zinc-200 bg-white"
          />
        </section>
      ))}
    </main>
  );
}
