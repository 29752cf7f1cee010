"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/app/admin/_lib/admin-action";
import { calendarFeedUrl, rotateCalendarFeedToken } from "@/lib/admin/calendar-feed";

export const rotateFeedTokenAction = adminAction("calendar_feed.rotate", z.object({}), async (actor) => {
  const token = await rotateCalendarFeedToken(actor);
  revalidatePath("/admin/calendar");
  const url = calendarFeedUrl(token);
  return {
    message: "New feed URL created. Copy it now: it is shown only once. Any older URL has stopped working.",
    data: { "Feed URL": url, "Webcal URL": url.replace(/^https?:/, "webcal:") },
  };
});
