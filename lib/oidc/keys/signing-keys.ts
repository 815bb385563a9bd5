// Signing keys in the database: ensure a current and a next key exist, rotate, revoke.
//
// Rotation (Auth0's model): current -> previous, next -> current, a new next is created. The next
// key is published in the JWKS before it signs anything, so relying parties that cache the JWKS
// already know it when rotation happens; previous keys stay published so tokens they signed keep
// verifying until they expire or the key is revoked. At most MAX_PREVIOUS previous keys stay
// published; older ones are revoked by rotation.
import type { Db, DbOrTx } from "../../db/client.ts";
import { generateSigningKey, type NewSigningKey } from "./generate-signing-key.ts";
import { lockForBootstrap } from "../../db/locks.ts";

export const MAX_PREVIOUS = 3;

export type SigningKeyRow = Awaited<ReturnType<Db["signingKey"]["findMany"]>>[number];

export class SigningKeyError extends Error {
  constructor(public code: "not_found" | "not_revocable", message: string) {
    super(message);
  }
}

async function insertKey(tx: DbOrTx, key: NewSigningKey, status: "current" | "next", now: Date) {
  await tx.signingKey.create({
    data: { ...key, public_jwk: key.public_jwk as object, status, created_at: now, current_since: status === "current" ? now : null },
  });
}

/** Creates the current and next keys when missing (first start). Returns the kids it created. */
export async function ensureSigningKeys(db: Db): Promise<string[]> {
  const present = await db.signingKey.findMany({ where: { status: { in: ["current", "next"] } }, select: { status: true } });
  const missing = (["current", "next"] as const).filter((s) => !present.some((p) => p.status === s));
  if (missing.length === 0) return [];
  // Generate outside the transaction (RSA key generation takes ~100 ms).
  const fresh = await Promise.all(missing.map(() => generateSigningKey()));
  return db.$transaction(async (tx) => {
    await lockForBootstrap(tx);
    const now = new Date();
    const created: string[] = [];
    for (const [i, status] of missing.entries()) {
      if ((await tx.signingKey.count({ where: { status } })) > 0) continue;
      await insertKey(tx, fresh[i]!, status, now);
      created.push(fresh[i]!.kid);
    }
    return created;
  });
}

/** Rotates: next becomes current, current becomes previous, a new next is created. */
export async function rotateSigningKeys(db: Db): Promise<{ current: SigningKeyRow; next: SigningKeyRow }> {
  const fresh = await generateSigningKey();
  return db.$transaction(async (tx) => {
    await lockForBootstrap(tx);
    const now = new Date();
    const next = await tx.signingKey.findFirst({ where: { status: "next" } });
    await tx.signingKey.updateMany({ where: { status: "current" }, data: { status: "previous", current_until: now } });
    if (next) await tx.signingKey.update({ where: { kid: next.kid }, data: { status: "current", current_since: now } });
    await insertKey(tx, fresh, next ? "next" : "current", now);
    if (!next) await insertKey(tx, await generateSigningKey(), "next", now);
    const previous = await tx.signingKey.findMany({ where: { status: "previous" }, orderBy: { current_until: "desc" }, select: { kid: true } });
    const retire = previous.slice(MAX_PREVIOUS).map((p) => p.kid);
    if (retire.length) await tx.signingKey.updateMany({ where: { kid: { in: retire } }, data: { status: "revoked", revoked_at: now } });
    const [current, newNext] = await Promise.all([
      tx.signingKey.findFirstOrThrow({ where: { status: "current" } }),
      tx.signingKey.findFirstOrThrow({ where: { status: "next" } }),
    ]);
    return { current, next: newNext };
  });
}

/** Revokes a previous key: it leaves the JWKS, and tokens it signed stop verifying. */
export async function revokeSigningKey(db: Db, kid: string): Promise<SigningKeyRow> {
  const key = await db.signingKey.findUnique({ where: { kid } });
  if (!key) throw new SigningKeyError("not_found", "Signing key not found.");
  if (key.status === "revoked") return key;
  if (key.status !== "previous")
    throw new SigningKeyError("not_revocable", "Only a previous signing key can be revoked; rotate the keys first.");
  return db.signingKey.update({ where: { kid }, data: { status: "revoked", revoked_at: new Date() } });
}

export function listSigningKeys(db: DbOrTx): Promise<SigningKeyRow[]> {
  return db.signingKey.findMany({ orderBy: { created_at: "desc" } });
}
