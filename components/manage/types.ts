import type { ActionResult } from "@/lib/errors/action-result";

/** A manage-page server action as the forms receive it (null before the first submit). */
export type ManageAction = (previous: ActionResult | null, form: FormData) => Promise<ActionResult | null>;
