/**
 * The bar at the top of every visitor page: the business's name, linking to the booking page.
 * Inside the /contact layout it widens with the page when the host panel sits beside the calendar.
 */
export function SiteHeader({ businessName }: { businessName: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-3xl items-center px-4 py-4 group-has-[[data-wide-page]]/contact:max-w-5xl">
        <a href="/contact" className="text-lg font-semibold text-slate-900">
          {businessName}
        </a>
      </div>
    </header>
  );
}
