import { z } from "zod";
import { MEETING_METHODS } from "@/lib/meeting-methods";
import { isValidTimeZone } from "@/lib/time-zones";
import { DETAIL_LIMITS, PHONE_PATTERN } from "./detail-limits";

// The visitor's details form. The same schema validates in the browser and on the server.

// Control characters (other than tab and line breaks) are never meant, and PostgreSQL
// rejects NUL outright: refuse them as a validation error, not a database failure.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// One-line fields (name, company, phone) refuse tabs and line breaks too: they go into
// calendar parameters, CSV cells and email headers, where a line break is never wanted.
const ONE_LINE_CONTROLS = /[\p{Cc}\u2028\u2029]/u;

const base = (max: number, label: string, oneLine: boolean, required: boolean) =>
  z
    .string({ error: required ? `${label} is required.` : `${label} must be text.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(
      (v) => !(oneLine ? ONE_LINE_CONTROLS : CONTROL_CHARS).test(v),
      oneLine ? `${label} cannot contain line breaks, tabs or other control characters.` : `${label} contains characters we cannot accept.`,
    );
const trimmed = (max: number, label: string) => base(max, label, true, true);
const optionalTrimmed = (max: number, label: string, oneLine = true) =>
  base(max, label, oneLine, false)
    .optional()
    .transform((v) => (v ? v : undefined));

export const visitorDetailsSchema = z.object({
  name: trimmed(DETAIL_LIMITS.name, "Full name").min(2, "Please enter your full name."),
  email: z
    .string({ error: "Email is required." })
    .trim()
    .max(DETAIL_LIMITS.email, `Email must be at most ${DETAIL_LIMITS.email} characters.`)
    .pipe(z.email("Please enter a valid email address."))
    .transform((v) => v.toLowerCase()),
  company: optionalTrimmed(DETAIL_LIMITS.company, "Company"),
  phone: optionalTrimmed(DETAIL_LIMITS.phone, "Phone").refine(
    (v) => v === undefined || PHONE_PATTERN.test(v),
    "Please enter a valid phone number.",
  ),
  notes: optionalTrimmed(DETAIL_LIMITS.notes, "Notes", false),
});

export const bookingRequestSchema = visitorDetailsSchema.extend({
  slotId: z.uuid("Please pick a time."),
  method: z.enum(MEETING_METHODS, { error: "Please choose how you would like to meet." }),
  timeZone: z.string().max(64).refine(isValidTimeZone, "Unknown time zone.").optional(),
});

export type VisitorDetails = z.infer<typeof visitorDetailsSchema>;
export type BookingRequest = z.infer<typeof bookingRequestSchema>;

/** Booking ids are random (not guessable): 'bk_' + 128 bits in base32. */
export const bookingIdSchema = z.string().regex(/^bk_[a-z2-7]{26}$/, "Unknown booking.");
