"use client";

// Shown when the booking page cannot load (for example, the database is unreachable).
export default function ContactError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6">
      <h1 className="text-xl font-semibold text-red-900">We could not load the booking calendar</h1>
      <p className="mt-2 text-red-900">Please try again in a moment.</p>
      <button type="button" onClick={() => retry()} className="mt-4 min-h-11 rounded-lg bg-red-800 px-4 font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
