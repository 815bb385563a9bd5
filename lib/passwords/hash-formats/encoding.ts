// Byte encodings of imported hash fields (auth0-management-api.md §5.3): `base64` (standard or
// url-safe, padding optional), `hex` (either case) and `utf8`; and the password encodings a hash
// may have been made over (the typed password, UTF-8, is transcoded to it before hashing).
import { fail } from "./errors.ts";

export const VALUE_ENCODINGS = ["base64", "hex", "utf8"] as const;
export type ValueEncoding = (typeof VALUE_ENCODINGS)[number];

export const PASSWORD_ENCODINGS = ["ascii", "utf8", "utf16le", "ucs2", "latin1", "binary"] as const;
export type PasswordEncoding = (typeof PASSWORD_ENCODINGS)[number];

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const HEX = /^[0-9a-fA-F]*$/;

/** Decodes base64 (standard or url-safe, with or without padding); null when it is not base64. */
export function decodeBase64(value: string): Buffer | null {
  const trimmed = value.trim();
  if (!BASE64.test(trimmed)) return null;
  const bare = trimmed.replace(/=+$/, "");
  if (bare.length % 4 === 1) return null;
  if (/[+/]/.test(bare) && /[-_]/.test(bare)) return null;
  return Buffer.from(bare.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

/** Decodes hex (either case); null when it is not hex. */
export function decodeHex(value: string): Buffer | null {
  const trimmed = value.trim();
  if (!HEX.test(trimmed) || trimmed.length % 2 !== 0) return null;
  return Buffer.from(trimmed, "hex");
}

/**
 * Decodes `value` in `encoding`. `codePrefix` names the field in error codes (HASH, SALT, HMAC_KEY,
 * ...): <PREFIX>_VALUE_MALFORMED when the text is not in the encoding.
 */
export function decodeValue(value: string, encoding: ValueEncoding, path: string, codePrefix: string): Buffer {
  if (encoding === "utf8") return Buffer.from(value, "utf8");
  const bytes = encoding === "hex" ? decodeHex(value) : decodeBase64(value);
  if (!bytes) fail(`${codePrefix}_VALUE_MALFORMED`, path, `not valid ${encoding}`);
  return bytes;
}

/** base64url without padding: how bytes are written inside Gatehouse's stored descriptor. */
export const toBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
export const fromBase64Url = (text: string) => Buffer.from(text, "base64url");
