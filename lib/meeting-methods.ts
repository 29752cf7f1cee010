// Meeting methods as the app names them. Pure data, shared by components and server code.
export const MEETING_METHODS = ["ZOOM", "TEAMS", "PHONE", "GOOGLE_MEET"] as const;
export type MeetingMethodName = (typeof MEETING_METHODS)[number];

export const METHOD_INFO: Record<MeetingMethodName, { label: string; description: string; cliName: string }> = {
  ZOOM: { label: "Zoom", description: "Video call in your browser or the Zoom app.", cliName: "zoom" },
  TEAMS: { label: "Microsoft Teams", description: "Video call in Teams, no account needed.", cliName: "teams" },
  PHONE: {
    label: "Direct phone call",
    description: "A plain phone call at the booked time: we call the number you give us, or you call us if you give none.",
    cliName: "phone",
  },
  GOOGLE_MEET: { label: "Google Meet", description: "Video call in your browser with Google Meet.", cliName: "meet" },
};

const CLI_ALIASES: Record<string, MeetingMethodName> = {
  zoom: "ZOOM",
  teams: "TEAMS",
  "microsoft-teams": "TEAMS",
  phone: "PHONE",
  call: "PHONE",
  "direct-call": "PHONE",
  meet: "GOOGLE_MEET",
  "google-meet": "GOOGLE_MEET",
  google_meet: "GOOGLE_MEET",
};

export function parseMethodName(input: string): MeetingMethodName | undefined {
  const key = input.trim().toLowerCase();
  const upper = key.toUpperCase();
  if ((MEETING_METHODS as readonly string[]).includes(upper)) return upper as MeetingMethodName;
  return CLI_ALIASES[key];
}

/**
 * Who calls whom on a direct phone call: the one wording for the method card (above), the
 * confirmation page, the emails (through their payload) and the invite. `visitorPhone` is
 * the number the visitor gave (or how a page refers to it), null when none was given.
 * The business number comes last so a page or email can link it.
 */
export function phoneCallWording(visitorPhone: string | null): { lead: string; nextStep: string } {
  return visitorPhone
    ? {
        lead: `We will call you at ${visitorPhone} at the start time. If we miss each other, call us at `,
        nextStep: "At the start time we call you.",
      }
    : { lead: "At the start time, call us at ", nextStep: "At the start time, call us." };
}

/** The phone wording as one plain sentence, for the invite. */
export function phoneCallSentence(visitorPhone: string | null, businessPhone: string): string {
  return `${phoneCallWording(visitorPhone).lead}${businessPhone}.`;
}
