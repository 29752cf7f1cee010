// Shared by the auth config, the proxy (which must stay light) and the create-admin script.
export const AUTH_COOKIE_PREFIX = "consult";
export const MIN_PASSWORD_LENGTH = 12;
export const LOGIN_PATH = "/admin/login";
export const INVALID_LOGIN_MESSAGE = "That email and password do not match an admin account.";
/** The only role with rights; every admin check compares against it. */
export const ADMIN_ROLE = "admin";
/** What any account gets unless create-admin made it: no rights at all. */
export const DEFAULT_ROLE = "user";
