// Refresh tokens: lookup by hash, rotation, reuse detection, revocation (auth0-authentication.md §3.5).
import type { Db, DbOrTx } from "../../db/client.ts";
import { sha256Hex } from "../../crypto/random.ts";

export type RefreshTokenRow = Awaited<ReturnType<Db["refreshToken"]["findFirstOrThrow"]>>;

export function findRefreshToken(db: DbOrTx, token: string) {
  return db.refreshToken.findUnique({ where: { token_hash: sha256Hex(token) } });
}

/** Revokes every token of a family (reuse detected, a replayed code, revocation). */
export async function revokeRefreshTokenFamily(db: DbOrTx, familyId: string): Promise<number> {
  const { count } = await db.refreshToken.updateMany({ where: { family_id: familyId, revoked_at: null }, data: { revoked_at: new Date() } });
  return count;
}

/** Marks a token as exchanged; false when another request exchanged it first (a race is a reuse). */
export async function markRotated(db: DbOrTx, id: string): Promise<boolean> {
  const now = new Date();
  const { count } = await db.refreshToken.updateMany({ where: { id, rotated_at: null, revoked_at: null }, data: { rotated_at: now, last_exchanged_at: now } });
  return count === 1;
}
