// Messages the hosted forms share.
export const CSRF_FAILED_MESSAGE =
  "This form has expired or was not sent from this site. Reload the page (cookies must be enabled) and try again.";
export const SERVICE_UNAVAILABLE_MESSAGE = "We can’t reach our database right now. Try again in a moment.";
export const UNEXPECTED_ERROR_MESSAGE = "Something went wrong on our side. Try again in a moment.";
