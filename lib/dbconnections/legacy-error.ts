// The error body of /dbconnections/* (auth0-authentication.md §0.3): Auth0's legacy shape
// `{name, code, description, statusCode}` (the auth0 SDK maps code/description to
// error/error_description). `description` is a string, or for invalid_password the policy object.
import { json } from "../http/json.ts";

const NAMES: Record<number, string> = {
  400: "BadRequestError",
  401: "UnauthorizedError",
  403: "ForbiddenError",
  404: "NotFoundError",
  413: "PayloadTooLargeError",
  429: "TooManyRequestsError",
};

export class DbConnectionsError extends Error {
  override name = "DbConnectionsError";
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly description: string | Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof description === "string" ? description : code);
  }

  toResponse(): Response {
    return json(
      { name: NAMES[this.statusCode] ?? "Error", code: this.code, description: this.description, statusCode: this.statusCode },
      { status: this.statusCode, headers: this.headers },
    );
  }
}
