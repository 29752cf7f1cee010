import { env } from "@/lib/env";
import { SiteHeader } from "@/components/site-header";

export default function ContactLayout({ children }: { children: React.ReactNode }) {
  return (
    // The booking page is wider than the others: its host panel sits beside the calendar.
    <div className="group/contact contents">
      <SiteHeader businessName={env().BUSINESS_NAME} />
      <main id="main" className="mx-auto max-w-3xl px-4 pt-6 pb-16 group-has-[[data-wide-page]]/contact:max-w-5xl sm:pt-10">
        {children}
      </main>
    </div>
  );
}
