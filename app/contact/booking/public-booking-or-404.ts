import { notFound } from "next/navigation";
import { getPublicBooking, type PublicBooking } from "@/lib/booking/public-view";
import { isAppError } from "@/lib/errors/app-error";

/** A booking's public view for its own page (/contact or the embed), or the 404 page. */
export async function publicBookingOr404(id: string): Promise<PublicBooking> {
  try {
    return await getPublicBooking(id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
