// The connection's password_history rule (auth0-authentication.md D.1): with `enable`, a new
// password must differ from the user's last `size` passwords (Auth0's default 5, at most 24), the
// current one included. Hashes are salted, so each is compared (bcrypt, or an imported format not
// yet rehashed), in the worker pool.
// Runs before the write transaction (bcrypt is slow); two simultaneous changes of one user's
// password could both pass, which only matters for a rule about the user's own history.
import type { DbOrTx } from "../../db/client.ts";
import { findPasswordHistoryHashes, findUserWithPasswordHash } from "../../db/secrets.ts";
import { verifyPasswordHash } from "../../passwords/verify-password.ts";
import { AppError } from "../errors.ts";

export type PasswordHistoryOptions = { password_history?: { enable?: boolean; size?: number } | null };

export const DEFAULT_PASSWORD_HISTORY_SIZE = 5;
export const MAX_PASSWORD_HISTORY_SIZE = 24;

/** How many passwords the rule remembers, or 0 when it is off. */
export function passwordHistorySize(options: PasswordHistoryOptions): number {
  if (!options.password_history?.enable) return 0;
  return Math.min(MAX_PASSWORD_HISTORY_SIZE, Math.max(1, options.password_history.size ?? DEFAULT_PASSWORD_HISTORY_SIZE));
}

export async function checkPasswordHistory(db: DbOrTx, userId: string, password: string, options: PasswordHistoryOptions): Promise<void> {
  const size = passwordHistorySize(options);
  if (size === 0) return;
  const current = (await findUserWithPasswordHash(db, userId))?.password?.hash;
  const history = await findPasswordHistoryHashes(db, userId, size);
  const hashes = [...new Set([...(current ? [current] : []), ...history.map((h) => h.hash)])].slice(0, size);
  const matches = await Promise.all(hashes.map((hash) => verifyPasswordHash(password, hash).then((r) => r.matches, () => false)));
  if (matches.some(Boolean)) throw new AppError("invalid", "PasswordHistoryError: Password has previously been used", "password_history_error");
}
