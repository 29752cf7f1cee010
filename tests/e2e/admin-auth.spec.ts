import { expect, test } from "./helpers/test";
import { ADMIN, createAdmin, login } from "./admin-support";

test.beforeAll(() => {
  expect(createAdmin()).toContain(ADMIN.email);
});

test("the admin is behind a login, and admin routes refuse without a session", async ({ page, request }) => {
  await page.goto("/admin/bookings?status=CONFIRMED");
  await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin%2Fbookings%3Fstatus%3DCONFIRMED$/);
  await expect(page.getByRole("heading", { level: 1, name: "Admin sign in" })).toBeVisible();

  const exported = await request.get("/api/admin/bookings/export");
  expect(exported.status()).toBe(401);
  const attachment = await request.get("/api/admin/emails/0b6f6a5e-3f4c-4d8a-9a39-5c1f2e7d9b10/attachments/invite.ics");
  expect(attachment.status()).toBe(401);
  // Only reading the session and signing out are exposed from better-auth; sign-up is not.
  expect(
    (await request.post("/api/auth/sign-up/email", { data: { email: "x@example.com", password: "whatever123456", name: "x" } })).status(),
  ).toBe(404);
  expect((await request.post("/api/auth/sign-in/email", { data: ADMIN })).status()).toBe(404);
});

test("a wrong password and an unknown user get the same message", async ({ page }) => {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toHaveText("That email and password do not match an admin account.");
  // What was typed stays, so the admin can correct it.
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);

  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toHaveText("That email and password do not match an admin account.");
  await expect(page).toHaveURL(/\/admin\/login/);
});

test("login sets a secure httpOnly SameSite session cookie, and logout ends the session", async ({ page, context }) => {
  await login(page);
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("consult.session_token"));
  expect(cookie).toBeDefined();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
  expect(cookie!.name.startsWith("__Secure-")).toBe(true);

  const nav = page.getByRole("navigation", { name: "Admin" });
  await nav.getByRole("link", { name: "Bookings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bookings" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Bookings" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Admin sign in" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("You have signed out.");
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login/);
});

test("the stale cookie of a signed-out session is refused by the pages themselves", async ({ page, context }) => {
  await login(page);
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Admin sign in" })).toBeVisible();
  // Put the old cookie back: the proxy lets it through (it only checks presence), the page must not.
  await context.addCookies(cookies);
  await page.goto("/admin/payments");
  await expect(page.getByRole("heading", { level: 1, name: "Admin sign in" })).toBeVisible();
});

test("signing in works with the keyboard alone and returns to the page asked for", async ({ page }) => {
  await page.goto("/admin/slots");
  await expect(page).toHaveURL(/\/admin\/login\?next=/);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(ADMIN.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Slots" })).toBeVisible();
});
