"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/app/admin/_lib/admin-action";
import { addCaldavConnection, chooseCalendars, removeConnection } from "@/lib/admin/calendars";

const PATH = "/admin/calendars";
const list = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(2000)).max(100));

export const addCaldavAction = adminAction(
  "calendar.connect",
  z.object({
    label: z.string().trim().max(200).default(""),
    serverUrl: z.url({ protocol: /^https?$/, error: "Enter the server's http(s) URL." }).max(2000),
    username: z.string().trim().min(1, "Enter the username.").max(254),
    password: z.string().min(1, "Enter the app password.").max(1000),
  }),
  async (actor, input) => {
    await addCaldavConnection(actor, input);
    revalidatePath(PATH);
    return "Calendar connected. Pick its busy calendars and the write calendar below.";
  },
);

export const chooseCalendarsAction = adminAction(
  "calendar.choose",
  z.object({ id: z.uuid(), busy: list, write: z.string().max(2000).default("") }),
  async (actor, input) => {
    await chooseCalendars(actor, input.id, { busyCalendarIds: input.busy, writeCalendarId: input.write || null });
    revalidatePath(PATH);
    return "Calendars saved.";
  },
);

export const removeConnectionAction = adminAction("calendar.remove", z.object({ id: z.uuid() }), async (actor, input) => {
  await removeConnection(actor, input.id);
  revalidatePath(PATH);
  return "Connection removed. Its busy times no longer hide slots.";
});
