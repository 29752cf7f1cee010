// Shared by the auth config, the proxy (which must stay light) and the create-admin script.
export const AUTH_COOKIE_PREFIX = "consult";
export const MIN_PASSWORD_LENGTH = 12;
export const LOGIN_PATH = "/admin/login";
export const INVALID_LOGIN_MESSAGE = "That email and password do not match an admin account.";
