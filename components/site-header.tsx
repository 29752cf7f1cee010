/** The bar at the top of every visitor page: the business's name, linking to the booking page. */
export function SiteHeader({ businessName }: { businessName: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-3xl items-center px-4 py-4">
        <a href="/contact" className="text-lg font-semibold text-slate-900">
          {businessName}
        </a>
      </div>
    </header>
  );
}
