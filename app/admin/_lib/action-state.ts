import type { ActionResult } from "@/lib/errors/action-result";

// What every admin server action returns to its form: the shared contract (safe to import in
// client leaves). A form starts with no result (`undefined`), which is its idle state.

export type AdminActionResult = ActionResult<{
  message: string;
  /** Extra values a form shows once, such as a freshly rotated feed URL. */
  data?: Record<string, string>;
}>;

/** The signature of an admin server action, as `ActionForm` receives it. */
export type AdminAction = (previous: AdminActionResult | undefined, formData: FormData) => Promise<AdminActionResult>;
