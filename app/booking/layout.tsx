import { env } from "@/lib/env";
import { SiteHeader } from "@/components/site-header";

// The manage page is the visitor's too: the same header as /contact (each page brings its own <main>).
export default function BookingLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader businessName={env().BUSINESS_NAME} />
      {children}
    </>
  );
}
