// Short-lived values the server hands to a browser and must be able to trust when they come back
// (e.g. the "operator created" notice after the setup form redirects). `payload.expiry.mac`, MAC =
// HMAC-SHA256(derivedKey("cookies"), purpose + payload + expiry): a value signed for one purpose is
// refused for any other. Signed, not encrypted: never put secrets in one.
import { createHmac } from "node:crypto";
import { derivedKey } from "../crypto/master-key.ts";
import { timingSafeEqualStrings } from "../crypto/random.ts";

function mac(purpose: string, payload: string, expiry: string): string {
  return createHmac("sha256", derivedKey("cookies")).update(`${purpose}\n${payload}\n${expiry}`, "utf8").digest("base64url");
}

export function signValue(purpose: string, value: string, ttlSeconds: number, now = Date.now()): string {
  const payload = Buffer.from(value, "utf8").toString("base64url");
  const expiry = String(Math.floor(now / 1000) + ttlSeconds);
  return `${payload}.${expiry}.${mac(purpose, payload, expiry)}`;
}

/** The value, or null when the signature, purpose or expiry does not check out. */
export function verifySignedValue(purpose: string, signed: string | undefined, now = Date.now()): string | null {
  if (!signed) return null;
  const parts = signed.split(".");
  if (parts.length !== 3) return null;
  const [payload, expiry, given] = parts as [string, string, string];
  if (!/^\d{1,12}$/.test(expiry) || !timingSafeEqualStrings(mac(purpose, payload, expiry), given)) return null;
  if (Number(expiry) * 1000 <= now) return null;
  return Buffer.from(payload, "base64url").toString("utf8");
}
