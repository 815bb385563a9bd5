// The users table's search columns, derived from the profile (prisma/models.prisma, User). Every
// write that changes email or a name field must set them with the same transaction's data:
// spread `searchColumnsFor(profile)` into the create/update data.
import { secureRandomBytes } from "../../crypto/random.ts";

export type SearchableProfile = {
  email?: string | null;
  name?: string | null;
  given_name?: string | null;
  family_name?: string | null;
  nickname?: string | null;
};

/** Unicode-aware lower-casing: the same fold the search compilers apply to query values. */
export function foldCase(value: string): string {
  return value.toLowerCase();
}

function fold(value: string | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value === null ? null : foldCase(value);
}

/**
 * The search columns for the given profile fields. A field that is `undefined` (not being changed)
 * leaves its column unchanged; `null` clears it.
 */
export function searchColumnsFor(profile: SearchableProfile) {
  const email = fold(profile.email);
  const at = typeof email === "string" ? email.lastIndexOf("@") : -1;
  return {
    email_lower: email,
    email_domain: email === undefined ? undefined : at > 0 ? email!.slice(at + 1) : null,
    name_lower: fold(profile.name),
    given_name_lower: fold(profile.given_name),
    family_name_lower: fold(profile.family_name),
    nickname_lower: fold(profile.nickname),
  };
}

/** A random positive 52-bit integer: the user's row id in SQLite's trigram index (unique). */
export function newSearchKey(): bigint {
  return (secureRandomBytes(8).readBigUInt64BE() & ((1n << 52n) - 1n)) + 1n;
}
