// Digest names accepted in imported hashes, mapped to the canonical names Gatehouse verifies with.
// node:crypto (OpenSSL 3) computes md5, sha1, sha224-512 and ripemd160; md4 and whirlpool live in
// OpenSSL's legacy provider, which Node does not load, so the password worker computes them with
// hash-wasm. MDC-2 (DES-based, legacy provider only) has no maintained JavaScript implementation:
// hashes that need it are refused at import with a specific code.
export const DIGESTS = ["md4", "md5", "sha1", "sha224", "sha256", "sha384", "sha512", "ripemd160", "whirlpool"] as const;
export type Digest = (typeof DIGESTS)[number];

/** Output length in bytes of each digest. */
export const DIGEST_LENGTH: Record<Digest, number> = {
  md4: 16, md5: 16, sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64, ripemd160: 20, whirlpool: 64,
};

// OpenSSL's aliases (Auth0's pbkdf2 list is OpenSSL's digest list), lower-cased.
const ALIASES: Record<string, Digest> = {
  "rsa-md4": "md4", md4withrsaencryption: "md4",
  "rsa-md5": "md5", md5withrsaencryption: "md5", "ssl3-md5": "md5",
  "rsa-sha1": "sha1", "rsa-sha1-2": "sha1", sha1withrsaencryption: "sha1", "ssl3-sha1": "sha1", sha: "sha1", "sha-1": "sha1",
  "rsa-sha224": "sha224", sha224withrsaencryption: "sha224", "sha-224": "sha224",
  "rsa-sha256": "sha256", sha256withrsaencryption: "sha256", "sha-256": "sha256",
  "rsa-sha384": "sha384", sha384withrsaencryption: "sha384", "sha-384": "sha384",
  "rsa-sha512": "sha512", sha512withrsaencryption: "sha512", "sha-512": "sha512",
  "rsa-ripemd160": "ripemd160", ripemd: "ripemd160", ripemd160withrsa: "ripemd160", rmd160: "ripemd160",
};

/** Known digest names that cannot be verified here (see the header). */
const UNSUPPORTED = new Set(["mdc2", "rsa-mdc2", "mdc2withrsa"]);

/** The canonical digest for an accepted name, "unsupported" for a known one we cannot compute, null otherwise. */
export function normalizeDigest(name: string): Digest | "unsupported" | null {
  const lower = name.toLowerCase();
  if ((DIGESTS as readonly string[]).includes(lower)) return lower as Digest;
  if (UNSUPPORTED.has(lower)) return "unsupported";
  return ALIASES[lower] ?? null;
}
