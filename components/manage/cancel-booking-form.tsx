"use client";

import { useActionState, useState } from "react";
import type { ManageAction } from "./types";

/** Two steps: show exactly what will be refunded, then cancel. The page passes its server action. */
export function CancelBookingForm({ token, refundText, cancel }: { token: string; refundText: string; cancel: ManageAction }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(cancel, null);
  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-900">
        {state.message}
      </p>
    );
  }
  return (
    <div>
      {!confirming ? (
        <button
          type="button"
          onClick={() => setConfirming(true)}
          className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50"
        >
          Cancel booking…
        </button>
      ) : (
        <form action={action} className="space-y-3 rounded-md border border-red-200 bg-red-50 p-4">
          <input type="hidden" name="token" value={token} />
          <p className="text-sm text-red-900">{refundText}</p>
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              disabled={pending}
              className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60"
            >
              {pending ? "Cancelling…" : "Yes, cancel my booking"}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm text-slate-800"
            >
              Keep my booking
            </button>
          </div>
        </form>
      )}
      <p aria-live="polite" className="mt-2 text-sm text-red-800">
        {state && !state.ok ? state.message : ""}
      </p>
    </div>
  );
}
