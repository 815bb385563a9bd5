// Names shared by the new-password page and its action.
/** CSRF purpose of the form (the ticket itself is the secret that binds it to one reset). */
export const RESET_VERIFY_CSRF_PURPOSE = "hosted-reset-verify";
