// The master secret, and the keys derived from it.
//
// GATEHOUSE_SECRET, or else a secret generated on first start into <data dir>/gatehouse.secret
// (mode 0600). Every other key is derived from it with HKDF-SHA256 and a purpose label, so one
// purpose's key never decrypts another's data.
import { hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "../env.ts";
import { logger } from "../logs/logger.ts";

export type KeyPurpose = "signing-keys" | "client-secrets" | "resource-server-secrets" | "csrf" | "cookies" | "secret-check" | "tickets" | "mfa-secrets";

let secret: string | undefined;
const derived = new Map<KeyPurpose, Uint8Array>();

export function secretFilePath(): string {
  return join(env().dataDir, "gatehouse.secret");
}

/** Reads or creates the master secret. Idempotent; safe when two processes start together. */
export function masterSecret(): string {
  if (secret) return secret;
  const configured = env().secret;
  if (configured) return (secret = configured);

  const file = secretFilePath();
  try {
    const stat = statSync(file);
    if ((stat.mode & 0o077) !== 0) {
      chmodSync(file, 0o600);
      logger().warn({ file }, "the master secret file was readable by others; its permissions are now 0600");
    }
  } catch {
    mkdirSync(env().dataDir, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(48).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
      logger().warn(
        { file },
        `GATEHOUSE_SECRET is not set: generated a master secret in ${file} (mode 0600). Back it up with the database: ` +
          "without it, signing keys and client secrets cannot be decrypted. Set GATEHOUSE_SECRET to the same value on every instance.",
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  const value = readFileSync(file, "utf8").trim();
  if (value.length < 32) throw new Error(`${file} must hold a secret of at least 32 characters`);
  return (secret = value);
}

/** A 256-bit key for one purpose. */
export function derivedKey(purpose: KeyPurpose): Uint8Array {
  let key = derived.get(purpose);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", masterSecret(), "gatehouse", `gatehouse:${purpose}`, 32));
    derived.set(purpose, key);
  }
  return key;
}

export function resetMasterKeyForTests(): void {
  secret = undefined;
  derived.clear();
}
