"use client";

import { useMemo } from "react";
import { FlowLinksContext, type FlowLinks } from "@/components/contact/flow-links";
import { embedReturnPath } from "./embed-paths";

/** Inside the embed a payment redirect returns into the frame (/embed/return), never to /contact. */
export function FlowLinksProvider({ parent, children }: { parent: string | null; children: React.ReactNode }) {
  const links: FlowLinks = useMemo(() => ({ paymentReturn: (id) => embedReturnPath(id, parent) }), [parent]);
  return <FlowLinksContext.Provider value={links}>{children}</FlowLinksContext.Provider>;
}
