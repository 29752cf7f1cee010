"use client";
import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useState } from "react";

// Success messages outlive the form that produced them: after "Cancel booking" the cancel
// form is gone from the re-rendered page, so the layout (which persists) shows the news.

/** Shows a success message; null clears it (a new action's result replaces the old one). */
type Notify = (message: string | null) => void;
const NoticeContext = createContext<Notify | null>(null);

export function useNotify(): Notify | null {
  return useContext(NoticeContext);
}

export function NoticeProvider({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState<{ message: string; id: number } | null>(null);
  const notify = useCallback((message: string | null) => setNotice(message === null ? null : { message, id: Date.now() }), []);
  // News belongs to the page it happened on: cleared while rendering the next page (React's
  // "adjust state when a prop changes" pattern, without an effect's extra render).
  const pathname = usePathname();
  const [shownOn, setShownOn] = useState(pathname);
  if (shownOn !== pathname) {
    setShownOn(pathname);
    setNotice(null);
  }
  return (
    <NoticeContext.Provider value={notify}>
      <div role="status" aria-live="polite" data-testid="admin-notice" data-sticky-notice className="sticky top-0 z-10">
        {notice ? (
          <div
            key={notice.id}
            className="mb-4 flex items-start justify-between gap-3 rounded border border-emerald-600 bg-emerald-50 p-3 text-sm font-medium text-emerald-900 shadow"
          >
            <p>{notice.message}</p>
            <button type="button" onClick={() => setNotice(null)} className="rounded px-2 text-emerald-900 underline">
              Dismiss
            </button>
          </div>
        ) : null}
      </div>
      {children}
    </NoticeContext.Provider>
  );
}
