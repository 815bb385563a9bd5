// Writes a user's new password hash, inside the caller's transaction, and keeps the password
// history the connection asks for: the newest `size` hashes while password_history is enabled,
// none otherwise (history is personal data, kept only while a rule needs it).
import type { DbOrTx } from "../../db/client.ts";
import { newInternalId } from "../../crypto/ids.ts";
import { passwordHistorySize, type PasswordHistoryOptions } from "./check-password-history.ts";

export async function storePasswordHash(tx: DbOrTx, userId: string, hash: string, options: PasswordHistoryOptions): Promise<void> {
  await tx.userPassword.upsert({ where: { user_id: userId }, create: { user_id: userId, hash }, update: { hash } });
  const size = passwordHistorySize(options);
  if (size === 0) {
    await tx.passwordHistory.deleteMany({ where: { user_id: userId } });
    return;
  }
  await tx.passwordHistory.create({ data: { id: newInternalId(), user_id: userId, hash } });
  const stale = await tx.passwordHistory.findMany({
    where: { user_id: userId },
    orderBy: [{ created_at: "desc" }, { id: "desc" }],
    skip: size,
    select: { id: true },
  });
  if (stale.length > 0) await tx.passwordHistory.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
}
