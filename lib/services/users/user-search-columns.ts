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

const SEQUENCE_BITS = 20n;
let lastSearchKey = 0n;

/**
 * The user's row id in SQLite's trigram index (unique, positive, under 2^52): keys increase with
 * time, `seconds << 20` plus a sequence that starts at a random offset each new second (so two
 * processes writing one database rarely meet; the unique index refuses it if they do). Increasing
 * keys make every insert land at the right edge of the users_search_key index and in ascending
 * order in the FTS5 table, instead of at a random page: 13 % faster imports (bench/README.md).
 * More than 2^19 keys in one second borrow the next second, so keys never repeat or decrease
 * within a process.
 */
export function newSearchKey(now = Date.now()): bigint {
  const second = BigInt(Math.floor(now / 1000)) << SEQUENCE_BITS;
  lastSearchKey = lastSearchKey >= second ? lastSearchKey + 1n : second + BigInt(secureRandomBytes(3).readUIntBE(0, 3) & 0x7ffff);
  return lastSearchKey;
}
