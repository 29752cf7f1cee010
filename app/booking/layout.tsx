import { connection } from "next/server";
import { settings } from "@/lib/settings/settings";
import { SiteHeader } from "@/components/site-header";

// The manage page is the visitor's too: the same header as /contact (each page brings its own <main>).
export default async function BookingLayout({ children }: { children: React.ReactNode }) {
  // Saved settings are read per request: never render this at build time.
  await connection();
  const { BUSINESS_NAME } = await settings();
  return (
    <>
      <SiteHeader businessName={BUSINESS_NAME} />
      {children}
    </>
  );
}
