"use client";
import { createContext, useContext } from "react";
import type { ActionState } from "@/app/admin/_lib/action-state";

// Lets fields inside an ActionForm show their own errors from the action's result.
export const FormStateContext = createContext<ActionState>({ status: "idle" });

export function useFieldError(name: string): string | undefined {
  return useContext(FormStateContext).fieldErrors?.[name]?.[0];
}
