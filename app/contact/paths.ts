/** Where a booking's own page lives: the confirmed screen, or its status if not confirmed. */
export function bookingPath(bookingId: string): string {
  return `/contact/booking/${bookingId}`;
}

export const CONTACT_PATH = "/contact";
