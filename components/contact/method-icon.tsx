import type { MeetingMethodName } from "@/lib/meeting-methods";

// Inline, generic pictograms (not vendor logos): nothing is fetched from elsewhere.
const PATHS: Record<MeetingMethodName, React.ReactNode> = {
  ZOOM: (
    <>
      <rect x="2.5" y="6" width="13" height="12" rx="2.5" />
      <path d="M15.5 10.5 21 7.5v9l-5.5-3z" />
    </>
  ),
  TEAMS: (
    <>
      <circle cx="9" cy="8" r="3" />
      <circle cx="17" cy="9" r="2.2" />
      <path d="M3.5 19c0-3.2 2.5-5.5 5.5-5.5s5.5 2.3 5.5 5.5z" />
      <path d="M15 19h5.5c0-2.6-1.6-4.5-3.8-4.5-.9 0-1.7.3-2.4.8" />
    </>
  ),
  PHONE: (
    <path d="M6.6 3.5h2.6l1.4 4.2-2 1.5a11 11 0 0 0 6.2 6.2l1.5-2 4.2 1.4v2.6a2 2 0 0 1-2.1 2A16.5 16.5 0 0 1 4.6 5.6a2 2 0 0 1 2-2.1z" />
  ),
  GOOGLE_MEET: (
    <>
      <path d="M3 8.5 7.5 4h7A1.5 1.5 0 0 1 16 5.5v13a1.5 1.5 0 0 1-1.5 1.5h-10A1.5 1.5 0 0 1 3 18.5z" />
      <path d="M16 10 21 6.5v11L16 14" />
      <path d="M7 12h5" />
    </>
  ),
};

export function MethodIcon({ method, className = "size-6" }: { method: MeetingMethodName; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className}
    >
      {PATHS[method]}
    </svg>
  );
}
