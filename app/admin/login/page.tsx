import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getAdminSession } from "@/lib/auth/session";
import { ActionForm } from "../_components/action-form";
import { Field } from "../_components/fields";
import { login } from "./actions";

export const metadata: Metadata = { title: "Admin sign in", robots: { index: false, follow: false } };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = typeof params.next === "string" ? params.next : "";
  if (await getAdminSession()) redirect("/admin");
  return (
    <main id="main" className="mx-auto mt-16 max-w-sm px-4">
      <h1 className="mb-6 text-2xl font-bold text-slate-900">Admin sign in</h1>
      {params.signedOut ? (
        <p role="status" className="mb-4 rounded bg-emerald-50 p-2 text-sm text-emerald-900">
          You have signed out.
        </p>
      ) : null}
      <div className="rounded-lg border border-slate-300 bg-white p-4 shadow-sm">
        <ActionForm action={login} submitLabel="Sign in" pendingLabel="Signing in…">
          <Field label="Email" name="email" type="email" autoComplete="username" required />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required />
          <input type="hidden" name="next" value={next} />
        </ActionForm>
      </div>
    </main>
  );
}
