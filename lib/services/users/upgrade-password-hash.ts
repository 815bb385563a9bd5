// After a successful password login, replaces a stored hash that is not bcrypt at the configured
// cost (an imported format, or bcrypt at an older cost) with a fresh bcrypt hash of the same
// password (lib/passwords/verify-password.ts decides; issue 6: "rehashed on the first successful
// login").
//
// It is not a password change: no password-history entry, no last_password_reset, no log event.
// History rows holding the old hash (an import that went through storePasswordHash) are rewritten
// to the new one, so the history rule still recognizes the password.
// Compare-and-set: nothing is written if the hash changed meanwhile (a concurrent password change
// wins). Passwords over bcrypt's 72 bytes keep their imported hash (bcrypt would truncate them).
import type { Db } from "../../db/client.ts";
import { hashPassword } from "../../passwords/hash-pool.ts";
import { MAX_PASSWORD_BYTES } from "../../passwords/password-policy.ts";

export async function upgradePasswordHash(db: Db, userId: string, currentHash: string, password: string): Promise<boolean> {
  if (Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) return false;
  const hash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const { count } = await tx.userPassword.updateMany({ where: { user_id: userId, hash: currentHash }, data: { hash } });
    if (count === 0) return false;
    await tx.passwordHistory.updateMany({ where: { user_id: userId, hash: currentHash }, data: { hash } });
    return true;
  });
}
