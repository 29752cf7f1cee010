// What every admin server action returns to its form (safe to import in client leaves).
export type ActionState = {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** Extra values a form shows once, such as a freshly rotated feed URL. */
  data?: Record<string, string>;
};

export const IDLE_STATE: ActionState = { status: "idle" };
