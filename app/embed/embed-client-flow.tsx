"use client";

import type { ComponentProps } from "react";
import { EmbedFlow } from "@/components/embed/embed-flow";
import { availabilityOverHttp } from "../contact/availability-fetch";

/** The embed's flow with the calendar read over the public API, the frame's kept id in a header (ADR 114, 140). */
export function EmbedClientFlow(props: Omit<ComponentProps<typeof EmbedFlow>, "reads">) {
  return <EmbedFlow {...props} reads={availabilityOverHttp} />;
}
