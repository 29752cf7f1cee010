import { connection } from "next/server";
import { settings } from "@/lib/settings/settings";
import { SiteHeader } from "@/components/site-header";

export default async function ContactLayout({ children }: { children: React.ReactNode }) {
  // Saved settings are read per request: never render this at build time.
  await connection();
  const { BUSINESS_NAME } = await settings();
  return (
    // The booking page is wider than the others: its host panel sits beside the calendar.
    <div className="group/contact contents">
      <SiteHeader businessName={BUSINESS_NAME} />
      <main id="main" className="mx-auto max-w-3xl px-4 pt-6 pb-16 group-has-[[data-wide-page]]/contact:max-w-5xl sm:pt-10">
        {children}
      </main>
    </div>
  );
}
