import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { METHOD_INFO, type MeetingMethodName } from "@/lib/meeting-methods";
import { MethodIcon } from "@/components/contact/method-icon";

// Outside production, a video method with no room configured points here (lib/meetings/rooms.ts),
// so links in confirmations work and say plainly what they are.

const ROOMS: Record<string, { method: MeetingMethodName; envVar: string }> = {
  zoom: { method: "ZOOM", envVar: "ZOOM_MEETING_URL" },
  teams: { method: "TEAMS", envVar: "TEAMS_MEETING_URL" },
  google_meet: { method: "GOOGLE_MEET", envVar: "GOOGLE_MEET_URL" },
};

export const metadata: Metadata = { title: "Demo meeting room", robots: { index: false, follow: false } };

export default async function DemoRoomPage({ params }: { params: Promise<{ method: string }> }) {
  const room = ROOMS[(await params).method];
  if (!room) notFound();
  const { label } = METHOD_INFO[room.method];
  return (
    <main id="main" className="mx-auto grid max-w-xl gap-4 px-4 py-12">
      <p className="inline-flex w-fit items-center gap-2 rounded-full bg-amber-100 px-3 py-1 text-sm font-semibold text-amber-950">
        Demo only
      </p>
      <h1 className="flex items-center gap-3 text-2xl font-bold">
        <MethodIcon method={room.method} className="size-8 text-brand-700" /> {label} demo room
      </h1>
      <p>
        This is a stand-in page, not a real {label} meeting. Nobody will join you here. The site shows it because no real {label} room is
        configured.
      </p>
      <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <p className="font-semibold">For the site owner</p>
        <p className="mt-1">
          Enter your {label} room link in Admin → Settings → Meeting methods (or set{" "}
          <code className="rounded bg-slate-100 px-1 py-0.5">{room.envVar}</code>, or configure the {label} API credentials) and confirmed
          bookings will link to the real room. In production, {label} is not offered until it is configured.
        </p>
      </div>
      <p>
        <a href="/contact" className="font-medium text-brand-700 underline">
          Back to booking
        </a>
      </p>
    </main>
  );
}
