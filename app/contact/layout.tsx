import { env } from "@/lib/env";
import { SiteHeader } from "@/components/site-header";

export default function ContactLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader businessName={env().BUSINESS_NAME} />
      <main id="main" className="mx-auto max-w-3xl px-4 pt-6 pb-16 sm:pt-10">
        {children}
      </main>
    </>
  );
}
