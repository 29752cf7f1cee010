"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/app/admin/_lib/admin-action";
import { updateSettings } from "@/lib/admin/update-settings";
import { settingsInputFromForm } from "@/lib/settings/settings-form";

const formValue = z.union([z.string().max(2000), z.array(z.string().max(200)).max(40)]);

export const saveSettingsAction = adminAction("settings.update", z.record(z.string().max(60), formValue), async (actor, form) => {
  const { changed } = await updateSettings(actor, settingsInputFromForm(form));
  // Every page reads settings per request; this only drops any cached render of the admin pages.
  revalidatePath("/", "layout");
  return changed.length === 0 ? "Nothing changed." : `Saved: ${changed.length} setting${changed.length === 1 ? "" : "s"} changed.`;
});
