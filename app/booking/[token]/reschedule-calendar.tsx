"use client";

import { useMemo, type ComponentProps } from "react";
import { ReschedulePicker } from "@/components/manage/reschedule-picker";
import { availabilityOverHttp } from "@/app/contact/availability-fetch";

type Props = Omit<ComponentProps<typeof ReschedulePicker>, "reads">;

/** The manage page's picker, reading month by month through the link's own routes. */
export function RescheduleCalendar(props: Props) {
  const { token } = props;
  const reads = useMemo(() => {
    const base = `/api/manage/${encodeURIComponent(token)}`;
    return availabilityOverHttp(undefined, { dates: `${base}/dates`, times: `${base}/times` });
  }, [token]);
  return <ReschedulePicker {...props} reads={reads} />;
}
