/** Purpose bound into the logout confirmation's CSRF token. */
export const LOGOUT_CSRF_PURPOSE = "hosted-logout";
