// Usernames of database connections (auth0-management-api.md §2.6): letters without accents,
// digits and the characters _ + - . ! # $ ' ^ ` ~ @ — but not an email address; the length the
// connection allows (`validation.username`, default 1-15, at most 128). Stored lower-cased.
import { invalid } from "../errors.ts";

export type UsernameOptions = { validation?: { username?: { min?: number; max?: number } | null } | null };

export const DEFAULT_USERNAME_LENGTH = { min: 1, max: 15 } as const;

const ALLOWED = /^[a-zA-Z0-9_+\-.!#$'^`~@]+$/;
const LOOKS_LIKE_EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const usernameError = (text: string) => invalid(`Payload validation error: '${text}' on property username.`, "invalid_body");

export function usernameLength(options: UsernameOptions): { min: number; max: number } {
  const limits = options.validation?.username;
  return {
    min: Math.max(1, limits?.min ?? DEFAULT_USERNAME_LENGTH.min),
    max: Math.min(128, limits?.max ?? DEFAULT_USERNAME_LENGTH.max),
  };
}

/** The stored form of `username`, or a 400 naming the rule it breaks. */
export function normalizeUsername(username: string, options: UsernameOptions): string {
  const { min, max } = usernameLength(options);
  if (username.length < min || username.length > max) throw usernameError(`The username must be between ${min} and ${max} characters long`);
  if (!ALLOWED.test(username))
    throw usernameError("The username may contain only letters (a-z), digits and the characters _ + - . ! # $ ' ^ ` ~ @");
  if (LOOKS_LIKE_EMAIL.test(username)) throw usernameError("The username must not be an email address");
  return username.toLowerCase();
}
