"use client";
import { createContext, useContext } from "react";
import type { AdminActionResult } from "@/app/admin/_lib/action-state";

// Lets fields inside an ActionForm show their own errors from the action's result.
// No result yet (undefined) is the idle state.
export const FormStateContext = createContext<AdminActionResult | undefined>(undefined);

export function useFieldError(name: string): string | undefined {
  const state = useContext(FormStateContext);
  return state && !state.ok ? state.fieldErrors?.[name]?.[0] : undefined;
}
