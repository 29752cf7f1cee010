export const DEFAULT_TEST_NOW: string;
export function installShiftedDate(offsetMs: number): void;
export function ensureClockOffset(env?: Record<string, string | undefined>): number;
