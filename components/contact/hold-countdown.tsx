import { useEffect, useState } from "react";

type HoldCountdownProps = {
  expiresAt: number;
  /** Server clock minus browser clock, so a wrong browser clock does not skew the count. */
  clockOffsetMs: number;
  onExpire: () => void;
};

function milestone(secondsLeft: number): string {
  if (secondsLeft === 0) return "Your hold on this time has expired.";
  if (secondsLeft <= 60) return "Less than a minute is left on your hold.";
  if (secondsLeft <= 120) return "Two minutes are left on your hold.";
  return "";
}

/** "Held for you for 9:41". Screen readers hear only the milestones, not every second. */
export function HoldCountdown({ expiresAt, clockOffsetMs, onExpire }: HoldCountdownProps) {
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs);
  const secondsLeft = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  const expired = secondsLeft === 0;

  useEffect(() => {
    if (expired) return;
    const timer = setInterval(() => setNow(Date.now() + clockOffsetMs), 1000);
    return () => clearInterval(timer);
  }, [clockOffsetMs, expired]);

  useEffect(() => {
    if (expired) onExpire();
  }, [expired, onExpire]);

  const clock = `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, "0")}`;
  return (
    <div className={`rounded-lg p-3 text-sm ${expired ? "bg-red-50 text-red-900" : "bg-brand-50 text-brand-800"}`}>
      {expired ? (
        <p className="font-medium">Your hold on this time has expired.</p>
      ) : (
        <p>
          We are holding this time for you for {/* A reloaded payment step renders this on the server too, a second or so apart. */}
          <span role="timer" aria-label={`${clock} minutes`} className="font-semibold tabular-nums" suppressHydrationWarning>
            {clock}
          </span>
          .
        </p>
      )}
      <p aria-live="polite" className="sr-only">
        {milestone(secondsLeft)}
      </p>
    </div>
  );
}
