"use client";

import { useMemo, type ComponentProps } from "react";
import { BookingFlow } from "@/components/contact/booking-flow";
import type { BookingActions } from "@/components/contact/types";
import { availabilityOverHttp } from "./availability-fetch";

const READS = availabilityOverHttp();

type Props = Omit<ComponentProps<typeof BookingFlow>, "actions"> & { actions: Pick<BookingActions, "start" | "confirmPayment"> };

/** /contact's flow: the page's two server actions, and the calendar read over the public API. */
export function ContactFlow({ actions, ...flow }: Props) {
  const all: BookingActions = useMemo(() => ({ ...actions, ...READS }), [actions]);
  return <BookingFlow {...flow} actions={all} />;
}
