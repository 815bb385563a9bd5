// The default password dictionary: what `password_dictionary.enable` checks besides the
// connection's own words. Auth0 uses "the 10,000 most common passwords"; Gatehouse takes the first
// 10,000 of zxcvbn-ts's frequency-ordered common list (@zxcvbn-ts/language-common), lower-cased.
//
// Server-only: the list is ~380 KB of code, so it is loaded on first use (never at import, and
// never in a browser bundle: the form preview in lib/passwords/password-policy.ts checks only the
// connection's words, and the server checks again with this list).
import { processGlobal } from "../process-global.ts";

export const COMMON_PASSWORDS_COUNT = 10_000;

const cache = processGlobal("common-passwords", () => ({ set: undefined as Promise<ReadonlySet<string>> | undefined }));

export function commonPasswords(): Promise<ReadonlySet<string>> {
  cache.set ??= import("@zxcvbn-ts/language-common").then(({ dictionary }) =>
    new Set(dictionary["passwords-common"].slice(0, COMMON_PASSWORDS_COUNT).map((word) => word.toLowerCase())),
  );
  return cache.set;
}
