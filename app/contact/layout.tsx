import { env } from "@/lib/env";

export default function ContactLayout({ children }: { children: React.ReactNode }) {
  const { BUSINESS_NAME } = env();
  return (
    // The booking page is wider than the others: its host panel sits beside the calendar.
    <div className="group/contact contents">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center px-4 py-4 group-has-[[data-wide-page]]/contact:max-w-5xl">
          <a href="/contact" className="text-lg font-semibold text-slate-900">
            {BUSINESS_NAME}
          </a>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 pt-6 pb-16 group-has-[[data-wide-page]]/contact:max-w-5xl sm:pt-10">
        {children}
      </main>
    </div>
  );
}
