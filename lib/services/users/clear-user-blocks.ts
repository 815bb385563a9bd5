// DELETE /api/v2/user-blocks?identifier= and /api/v2/user-blocks/{id} (auth0-management-api.md
// §3.11): releases brute-force blocks (never the administrator `blocked` flag) and forgets the
// failures counted toward them (a released identifier starts from zero). Expired blocks are
// deleted on the way, for every identifier (they no longer block anyone). A release that removed
// something is logged `ublkdu`.
import type { Db } from "../../db/client.ts";
import { resetBruteForceCounters } from "../../attack-protection/brute-force-protection.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import type { Actor } from "../actor.ts";
import { getUserRowOrThrow } from "./get-user.ts";
import { userBlocksWhere } from "./list-user-blocks.ts";

async function removeExpired(db: Db): Promise<void> {
  await db.userBlock.deleteMany({ where: { expires_at: { lte: new Date() } } });
}

export async function clearUserBlocksByIdentifier(db: Db, identifier: string, _actor: Actor): Promise<void> {
  await removeExpired(db);
  const normalized = identifier.trim().toLowerCase();
  const blocks = await db.userBlock.findMany({ where: { identifier: normalized }, select: { user_id: true, identifier: true, ip: true } });
  const owners = [...new Set(blocks.flatMap((b) => (b.user_id ? [b.user_id] : [])))];
  const { count } = await db.userBlock.deleteMany({ where: { identifier: normalized } });
  await resetBruteForceCounters(db, [...blocks, { identifier: normalized, ip: null }]);
  if (count > 0)
    await writeLogEvent(db, {
      type: "ublkdu",
      description: "User login block released through the Management API",
      user_id: owners.length === 1 ? owners[0]! : null,
      user_name: normalized,
      details: { identifier: normalized, released: count },
    });
}

export async function clearUserBlocks(db: Db, userId: string, _actor: Actor): Promise<void> {
  const user = await getUserRowOrThrow(db, userId);
  await removeExpired(db);
  const where = userBlocksWhere(user);
  const blocks = await db.userBlock.findMany({ where, select: { identifier: true, ip: true } });
  const { count } = await db.userBlock.deleteMany({ where });
  await resetBruteForceCounters(db, blocks);
  if (count > 0)
    await writeLogEvent(db, {
      type: "ublkdu",
      description: "User login block released through the Management API",
      user_id: userId,
      details: { released: count },
    });
}
