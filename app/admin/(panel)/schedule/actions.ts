"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/app/admin/_lib/admin-action";
import { dateOverrideInput, removeOverrideInput, weeklyScheduleInput } from "@/lib/schedule/schedule-input";
import {
  previewWeeklySchedule,
  removeDateOverrideAndSync,
  saveDateOverrideAndSync,
  saveWeeklyScheduleAndSync,
} from "@/lib/schedule/schedule-admin";

function refresh() {
  revalidatePath("/admin/schedule");
  revalidatePath("/admin/slots", "layout");
}

export const saveWeeklyScheduleAction = adminAction("schedule.save", weeklyScheduleInput, async (actor, { intent, schedule }) => {
  if (intent === "preview") return `Preview, nothing saved yet: ${(await previewWeeklySchedule(schedule)).message}`;
  const { message } = await saveWeeklyScheduleAndSync(actor, schedule);
  refresh();
  return `Schedule saved. ${message}`;
});

export const saveDateOverrideAction = adminAction("schedule.override_save", dateOverrideInput, async (actor, input) => {
  const { message } = await saveDateOverrideAndSync(actor, { date: input.date, ranges: input.hours, note: input.note });
  refresh();
  return `${input.hours.length ? "Special hours" : "Day off"} saved for ${input.date}. ${message}`;
});

export const removeDateOverrideAction = adminAction("schedule.override_remove", removeOverrideInput, async (actor, { date }) => {
  const done = await removeDateOverrideAndSync(actor, date);
  refresh();
  return done ? `Override for ${date} removed. ${done.message}` : `There was no override for ${date}.`;
});
