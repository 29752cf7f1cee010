import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { setRequestHeaders } from "@/tests/helpers/next-request-mock";
import { useTestDatabase } from "@/tests/helpers/test-db";
import { ADMIN, adminSessionHeaders, seedBooking } from "@/tests/helpers/admin-fixtures";
import { activateManageToken } from "@/lib/booking/manage-access";

// Proves that the session check lives in every admin entry point itself, not in the
// proxy: every server action module under app/admin and every route module under
// app/api/admin is found on disk, each exported function is called without a session
// (with form values that would really change something), and each must refuse before
// anything is written.

vi.mock("next/headers", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextHeaders));
vi.mock("next/cache", () => import("@/tests/helpers/next-request-mock").then((m) => m.nextCache));

const t = useTestDatabase();
const root = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const relative = (file: string) => path.relative(root, file);
const isServerActionModule = (file: string) => /\.tsx?$/.test(file) && /^\s*["']use server["']/.test(readFileSync(file, "utf8"));

const actionModules = walk(path.join(root, "app/admin")).filter(isServerActionModule).map(relative).sort();
const routeModules = walk(path.join(root, "app/api/admin"))
  .filter((f) => f.endsWith("route.ts"))
  .map(relative)
  .sort();
const pageModules = walk(path.join(root, "app/admin"))
  .filter((f) => /\/(page|layout)\.tsx$/.test(f))
  .map(relative)
  .sort();

/** The only admin entry points that work without a session: the ones that start one. */
const PUBLIC = new Set(["app/admin/login/actions.ts#login", "app/admin/login/page.tsx"]);

function redirectTarget(error: unknown): string | undefined {
  const digest = (error as { digest?: unknown })?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_REDIRECT") ? digest.split(";")[2] : undefined;
}

async function seedEverything() {
  const { booking, slot, payment } = await seedBooking(t.db, { paidCents: 1000 });
  const email = await t.db.outboxEmail.create({
    data: { dedupeKey: "x", kind: "booking_confirmed", bookingId: booking.id, toAddress: booking.email, payload: {}, status: "FAILED" },
  });
  const form = new FormData();
  const values: Record<string, string> = {
    bookingId: booking.id,
    slotId: slot.id,
    paymentId: payment!.id,
    emailId: email.id,
    requestKey: crypto.randomUUID(),
    refund: "full",
    kind: "full",
    reason: "test",
    projectOutcome: "WON",
    projectNotes: "x",
    isAvailable: "false",
    date: "2030-01-07",
    time: "10:00",
    durationMinutes: "30",
    methods: "ZOOM",
    amount: "5.00",
    days: "3",
    startHour: "9",
    endHour: "12",
  };
  for (const [k, v] of Object.entries(values)) form.set(k, v);
  return { form, booking, slot };
}

async function snapshot() {
  const [audit, slots, outbox, refunds, settings, booking] = await Promise.all([
    t.db.auditLog.count(),
    t.db.slot.count(),
    t.db.outboxEmail.findMany({ select: { status: true } }),
    t.db.refund.count(),
    t.db.appSetting.count(),
    t.db.booking.findMany({ select: { status: true, projectOutcome: true } }),
  ]);
  return { audit, slots, outbox, refunds, settings, booking };
}

/**
 * A valid session of an account without the admin role: signed in as an admin, then
 * demoted (no sign-in path starts a session for a non-admin; lib/auth tests that).
 */
async function nonAdminSessionHeaders(): Promise<Headers> {
  const headers = await adminSessionHeaders();
  await t.db.user.update({ where: { email: ADMIN.email }, data: { role: "user" } });
  expect(await t.db.session.count()).toBe(1);
  return headers;
}

const VISITORS: [string, () => Promise<Headers>][] = [
  ["without a session", async () => new Headers()],
  ["with a valid session of a non-admin account", nonAdminSessionHeaders],
];

beforeEach(() => {
  setRequestHeaders(new Headers());
});

it("finds the admin modules on disk", () => {
  expect(actionModules.length).toBeGreaterThanOrEqual(5);
  expect(routeModules).toContain("app/api/admin/bookings/export/route.ts");
  expect(pageModules.length).toBeGreaterThanOrEqual(8);
});

describe.each(VISITORS)("admin entry points refuse %s", (_, sessionHeaders) => {
  beforeEach(async () => {
    setRequestHeaders(await sessionHeaders());
  });

  it("every exported server action redirects to the login page and changes nothing", async () => {
    const { form } = await seedEverything();
    const before = await snapshot();
    const checked: string[] = [];
    for (const file of actionModules) {
      const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
      for (const [name, fn] of Object.entries(mod)) {
        if (typeof fn !== "function" || PUBLIC.has(`${file}#${name}`)) continue;
        const error = await (fn as (s: unknown, f: FormData) => Promise<unknown>)(undefined, form).then(
          (result) => ({ result }),
          (e: unknown) => e,
        );
        expect(redirectTarget(error), `${file}#${name} must refuse`).toBe("/admin/login");
        checked.push(`${file}#${name}`);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(13);
    expect(checked).toContain("app/admin/(panel)/bookings/[id]/actions.ts#reissueManageLinkAction");
    expect(await snapshot()).toEqual(before);
  });

  it("every admin route handler answers 401", async () => {
    let checked = 0;
    for (const file of routeModules) {
      const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
        const handler = mod[method];
        if (typeof handler !== "function") continue;
        const response = (await handler(new Request("http://127.0.0.1/api/admin/x", { method }), {
          params: Promise.resolve({}),
        })) as Response;
        expect(response.status, `${method} ${file}`).toBe(401);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(1);
  });

  it("every admin page and layout calls the guard itself and redirects", async () => {
    const { booking, slot } = await seedBooking(t.db);
    for (const file of pageModules) {
      if (PUBLIC.has(file)) continue;
      expect(readFileSync(path.join(root, file), "utf8"), file).toMatch(/await requireAdminPage\(\)/);
      const Page = ((await import(/* @vite-ignore */ path.join(root, file))) as { default: (props: unknown) => Promise<unknown> }).default;
      const id = file.includes("slots/[id]") ? slot.id : booking.id;
      const error = await Page({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}), children: null }).catch(
        (e: unknown) => e,
      );
      expect(redirectTarget(error), file).toBe("/admin/login");
    }
  });
});

describe("a forged cookie", () => {
  it("a forged or stale cookie is no session", async () => {
    const { form } = await seedEverything();
    setRequestHeaders(new Headers({ cookie: "consult.session_token=forged.value; __Secure-consult.session_token=forged.value" }));
    const { rotateFeedTokenAction } = await import("./(panel)/calendar/actions");
    const error = await rotateFeedTokenAction(undefined, form).catch((e: unknown) => e);
    expect(redirectTarget(error)).toBe("/admin/login");
  });
});

describe("with a real admin session", () => {
  it("the same actions and routes go through", async () => {
    setRequestHeaders(await adminSessionHeaders());
    const { rotateFeedTokenAction } = await import("./(panel)/calendar/actions");
    const result = await rotateFeedTokenAction(undefined, new FormData());
    expect(result).toMatchObject({ ok: true });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "calendar_feed.create" } });
    expect(audit.actorEmail).toBe(ADMIN.email);

    const { booking } = await seedBooking(t.db, { startsAt: new Date(Date.now() + 3 * 86_400_000) });
    await t.db.$transaction((tx) => activateManageToken(tx, booking.id));
    const { reissueManageLinkAction } = await import("./(panel)/bookings/[id]/actions");
    const form = new FormData();
    form.set("bookingId", booking.id);
    expect(await reissueManageLinkAction(undefined, form)).toMatchObject({ ok: true });
    expect(await t.db.auditLog.count({ where: { action: "booking.reissue_manage_link", actorEmail: ADMIN.email } })).toBe(1);

    const { GET } = await import("@/app/api/admin/bookings/export/route");
    const response = await GET(new Request("http://127.0.0.1/api/admin/bookings/export"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
  });
});

describe("the login action", () => {
  it("gives the same message for an unknown user and a wrong password, and signs in with the right one", async () => {
    await adminSessionHeaders();
    const { login } = await import("./login/actions");
    const attempt = (email: string, password: string) => {
      const form = new FormData();
      form.set("email", email);
      form.set("password", password);
      form.set("next", "/admin/bookings");
      return login(undefined, form).catch((e: unknown) => e);
    };
    const wrong = (await attempt(ADMIN.email, "not the password")) as { message?: string };
    const unknown = (await attempt("nobody@example.com", "not the password")) as { message?: string };
    expect(wrong.message).toBeTruthy();
    expect(unknown.message).toBe(wrong.message);
    expect(redirectTarget(await attempt(ADMIN.email, ADMIN.password))).toBe("/admin/bookings");
  });
});
