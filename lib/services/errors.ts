// Typed application errors thrown by services (STYLE.md point 3). A service says what went wrong
// with a code; one table maps codes to HTTP statuses; each API family renders the body its way
// (Auth0's Management API body, RFC 6749 for protocol endpoints, a message on a page).
export const APP_ERROR_STATUS = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Auth0's machine-readable errorCode, e.g. `inexistent_user`, `invalid_body`. */
    readonly errorCode?: string,
  ) {
    super(message);
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export const notFound = (message: string, errorCode?: string) => new AppError("not_found", message, errorCode);
export const conflict = (message: string, errorCode?: string) => new AppError("conflict", message, errorCode);
export const invalid = (message: string, errorCode?: string) => new AppError("invalid", message, errorCode);
export const forbidden = (message: string, errorCode?: string) => new AppError("forbidden", message, errorCode);
