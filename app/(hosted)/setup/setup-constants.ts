// Names shared by the setup page, its action and the completion page.
/** Purpose bound into the setup form's CSRF token. */
export const SETUP_CSRF_PURPOSE = "setup";
/** Cookie (and signing purpose) that carries the new operator's email to /setup/complete. */
export const SETUP_DONE_COOKIE = "gatehouse-setup-done";
export const SETUP_DONE_TTL_SECONDS = 600;
