// A user's brute-force blocks as the user page lists them: one row per block, each released on its
// own (GET/DELETE /api/v2/user-blocks/{id} release them all at once, lib/services/users/clear-user-blocks.ts).
// Releasing forgets the failures counted toward that block, as the API does.
import { resetBruteForceCounters } from "../../attack-protection/brute-force-protection.ts";
import type { Db } from "../../db/client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { notFound } from "../../services/errors.ts";
import { getUserRowOrThrow } from "../../services/users/get-user.ts";
import { userBlocksWhere } from "../../services/users/list-user-blocks.ts";

export type BlockRow = { id: string; identifier: string; ip: string | null; connection: string | null; created_at: Date; expires_at: Date | null };

export async function listUserBlockRows(db: Db, userId: string): Promise<BlockRow[]> {
  const user = await getUserRowOrThrow(db, userId);
  const now = new Date();
  const rows = await db.userBlock.findMany({
    where: { AND: [userBlocksWhere(user), { OR: [{ expires_at: null }, { expires_at: { gt: now } }] }] },
    orderBy: [{ created_at: "asc" }, { id: "asc" }],
    take: 200,
  });
  const ids = [...new Set(rows.map((r) => r.connection_id).filter((id): id is string => id !== null))];
  const names = new Map((ids.length ? await db.connection.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : []).map((c) => [c.id, c.name]));
  return rows.map((r) => ({ id: r.id, identifier: r.identifier, ip: r.ip, connection: r.connection_id ? (names.get(r.connection_id) ?? null) : null, created_at: r.created_at, expires_at: r.expires_at }));
}

/** Releases one of the user's blocks (404 when the block is not theirs or is gone). */
export async function releaseUserBlock(db: Db, userId: string, blockId: string): Promise<void> {
  const user = await getUserRowOrThrow(db, userId);
  const block = await db.userBlock.findFirst({ where: { AND: [userBlocksWhere(user), { id: blockId }] }, select: { id: true, identifier: true, ip: true } });
  if (!block) throw notFound("This block was already released or has expired.");
  await db.userBlock.delete({ where: { id: block.id } });
  await resetBruteForceCounters(db, [block]);
  await writeLogEvent(db, {
    type: "ublkdu",
    description: "User login block released in the dashboard",
    user_id: userId,
    user_name: block.identifier,
    details: { identifier: block.identifier, ip: block.ip, released: 1 },
  });
}
