// ICU (and so Intl in Node and Chromium) still reports the old spelling of renamed zones:
// supportedValuesOf("timeZone") and resolvedOptions() say "Asia/Calcutta", not "Asia/Kolkata".
// The IANA database has long moved these to backward links; people know the current names.

const RENAMED: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Mendoza": "America/Argentina/Mendoza",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Louisville": "America/Kentucky/Louisville",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** Names a browser may report for Coordinated Universal Time. */
const UTC_NAMES = new Set(["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/GMT", "GMT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"]);

/** The retired spellings this module maps (for tests and the zone list). */
export const RETIRED_ZONE_NAMES: readonly string[] = Object.keys(RENAMED);

/** The current IANA name of a zone: "Asia/Calcutta" → "Asia/Kolkata", "Etc/UTC" → "UTC". */
export function canonicalZone(timeZone: string): string {
  if (UTC_NAMES.has(timeZone)) return "UTC";
  return RENAMED[timeZone] ?? timeZone;
}
