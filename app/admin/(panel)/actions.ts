"use server";
import { redirect } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/require-admin";
import { signOutAdmin } from "@/lib/auth/login";
import { LOGIN_PATH } from "@/lib/auth/constants";

export async function signOut(): Promise<void> {
  await requireAdminPage();
  await signOutAdmin();
  redirect(`${LOGIN_PATH}?signedOut=1`);
}
