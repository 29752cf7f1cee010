"use client";

import { createContext, useContext } from "react";

// Where the flow's own links lead, so the same components serve /contact and the embed
// (/embed…, which must stay inside its iframe: a /contact page refuses to be framed).
export type FlowLinks = { paymentReturn: (bookingId: string) => string };

const CONTACT_LINKS: FlowLinks = { paymentReturn: (bookingId) => `/contact/return?booking=${encodeURIComponent(bookingId)}` };

export const FlowLinksContext = createContext<FlowLinks>(CONTACT_LINKS);

export const useFlowLinks = () => useContext(FlowLinksContext);
