// What the embed's frame tells the host page (public/embed.js re-dispatches the events as DOM
// CustomEvents on the embed element; docs/embed.md). No personal data ever goes in a detail.

export const EMBED_MESSAGE_SOURCE = "booking-embed";

export type EmbedEvent =
  | { type: "booking:slot-held"; detail: { startsAt: string; holdExpiresAt: string | null } }
  | { type: "booking:confirmed"; detail: { reference: string; startsAt: string } };

export type EmbedMessage = { source: typeof EMBED_MESSAGE_SOURCE } & (
  | EmbedEvent
  | { type: "booking:resize"; height: number }
  // Escape pressed inside the frame (the host's popup cannot see that key): close the popup.
  | { type: "booking:escape" }
);
