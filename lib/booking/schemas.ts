import { z } from "zod";
import { MEETING_METHODS } from "./methods";
import { isValidTimeZone } from "@/lib/time-zones";

// The visitor's details form. The same schema validates in the browser and on the server.

const trimmed = (max: number, label: string) =>
  z.string({ error: `${label} is required.` }).trim().max(max, `${label} must be at most ${max} characters.`);
const optionalTrimmed = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const visitorDetailsSchema = z.object({
  name: trimmed(120, "Full name").min(2, "Please enter your full name."),
  email: z
    .string({ error: "Email is required." })
    .trim()
    .max(254, "Email must be at most 254 characters.")
    .pipe(z.email("Please enter a valid email address."))
    .transform((v) => v.toLowerCase()),
  company: optionalTrimmed(120, "Company"),
  phone: optionalTrimmed(40, "Phone")
    .refine((v) => v === undefined || /^[+()\d\s.-]{5,40}$/.test(v), "Please enter a valid phone number."),
  notes: optionalTrimmed(2000, "Notes"),
});

export const bookingRequestSchema = visitorDetailsSchema.extend({
  slotId: z.uuid("Please pick a time."),
  method: z.enum(MEETING_METHODS, { error: "Please choose how you would like to meet." }),
  timeZone: z
    .string()
    .max(64)
    .refine(isValidTimeZone, "Unknown time zone.")
    .optional(),
});

export type VisitorDetails = z.infer<typeof visitorDetailsSchema>;
export type BookingRequest = z.infer<typeof bookingRequestSchema>;

/** Booking ids are random (not guessable): 'bk_' + 128 bits in base32. */
export const bookingIdSchema = z.string().regex(/^bk_[a-z2-7]{26}$/, "Unknown booking.");
