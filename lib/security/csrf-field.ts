// The name of the hidden CSRF form field. Its own module so client components can import it
// without pulling in the server-only signing code of csrf.ts.
export const CSRF_FIELD = "csrf_token";
