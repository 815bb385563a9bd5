// RFC 2307 userPassword values: `{SCHEME}base64`. {MD5} {SHA} {SHA256} {SHA384} {SHA512} are
// unsalted digests of the password; {SMD5} {SSHA} {SSHA256} {SSHA384} {SSHA512} are
// base64(digest(password + salt) + salt), i.e. a digest with the salt as suffix. {CRYPT} (the
// system's crypt(3)) is not supported (Auth0 neither).
import type { CustomHash } from "../stored-hash.ts";
import { DIGEST_LENGTH, type Digest } from "./digests.ts";
import { decodeBase64, toBase64Url } from "./encoding.ts";
import { fail } from "./errors.ts";

const SCHEMES: Record<string, { digest: Digest; salted: boolean }> = {
  MD5: { digest: "md5", salted: false },
  SMD5: { digest: "md5", salted: true },
  SHA: { digest: "sha1", salted: false },
  SHA1: { digest: "sha1", salted: false },
  SSHA: { digest: "sha1", salted: true },
  SSHA1: { digest: "sha1", salted: true },
  SHA256: { digest: "sha256", salted: false },
  SSHA256: { digest: "sha256", salted: true },
  SHA384: { digest: "sha384", salted: false },
  SSHA384: { digest: "sha384", salted: true },
  SHA512: { digest: "sha512", salted: false },
  SSHA512: { digest: "sha512", salted: true },
};

export function parseLdap(value: string, path: string): CustomHash {
  const match = /^\{([A-Za-z0-9-]+)\}(.*)$/s.exec(value.trim());
  if (!match) fail("LDAP_HASH_MALFORMED", path, "expected an RFC 2307 value {SCHEME}base64");
  const name = match[1]!.toUpperCase();
  const scheme = SCHEMES[name];
  if (!scheme) fail("LDAP_SCHEME_UNSUPPORTED", path, `unsupported LDAP scheme {${match[1]}}`);
  const bytes = decodeBase64(match[2]!);
  if (!bytes) fail("LDAP_HASH_MALFORMED", path, `{${name}} value is not base64`);
  const length = DIGEST_LENGTH[scheme.digest];
  if (scheme.salted ? bytes.length <= length : bytes.length !== length)
    fail("LDAP_HASH_LENGTH_INVALID", path, `{${name}} needs ${scheme.salted ? `more than ${length}` : length} bytes, got ${bytes.length}`);
  const hash = toBase64Url(bytes.subarray(0, length));
  if (!scheme.salted) return { algorithm: "digest", digest: scheme.digest, hash };
  return { algorithm: "digest", digest: scheme.digest, hash, salt: toBase64Url(bytes.subarray(length)), saltPosition: "suffix" };
}
