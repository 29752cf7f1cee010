import type { Metadata } from "next";

// The chromeless booking flow for other sites' iframes (docs/embed.md): no site header, and a
// page that is exactly as tall as its content, so the host sizes the frame and nothing scrolls
// inside it. The body's min-height (root layout) would otherwise tie it to the frame's height.
export const metadata: Metadata = { robots: { index: false, follow: false } };

export default function EmbedLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <style>{"html,body{min-height:0!important;overflow:hidden;background:transparent}"}</style>
      {/* Not <main>: the frame's content joins the host page's landmarks, and the host has its own main. */}
      <div id="main" className="mx-auto max-w-5xl">
        {children}
      </div>
    </>
  );
}
