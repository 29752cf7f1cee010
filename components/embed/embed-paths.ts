// The embed's pages (used by app/embed and the frame's client code). Each carries the host's origin (?parent=, checked against
// EMBED_ALLOWED_ORIGINS on every page) so the frame knows where it may post its messages.

export const EMBED_PATH = "/embed";
export const PARENT_PARAM = "parent";

function withParent(path: string, parent: string | null, query: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  if (parent) params.set(PARENT_PARAM, parent);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export const embedFlowPath = (parent: string | null) => withParent(EMBED_PATH, parent);
export const embedBookingPath = (bookingId: string, parent: string | null) => withParent(`${EMBED_PATH}/booking/${bookingId}`, parent);
export const embedReturnPath = (bookingId: string, parent: string | null) =>
  withParent(`${EMBED_PATH}/return`, parent, { booking: bookingId });
/** The query the flow keeps in every URL it writes. */
export const parentSearch = (parent: string | null) => (parent ? new URLSearchParams({ [PARENT_PARAM]: parent }).toString() : "");
