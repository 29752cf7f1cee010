// The header a browser that keeps its own session id (the embed, ADR 114) sends it in. No
// server-only import: the embed's calendar sends it with its GET requests for open times.
export const CLIENT_SESSION_HEADER = "x-booking-session";
