// DELETE /api/v2/user-blocks?identifier= and /api/v2/user-blocks/{id} (auth0-management-api.md
// §3.11): releases brute-force blocks (never the administrator `blocked` flag). Expired blocks are
// deleted on the way, for every identifier (they no longer block anyone). A release that removed
// something is logged `ublkdu`.
import type { Db } from "../../db/client.ts";
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
  const owners = await db.userBlock.findMany({ where: { identifier: normalized, user_id: { not: null } }, select: { user_id: true }, distinct: ["user_id"] });
  const { count } = await db.userBlock.deleteMany({ where: { identifier: normalized } });
  if (count > 0)
    await writeLogEvent(db, {
      type: "ublkdu",
      description: "User login block released through the Management API",
      user_id: owners.length === 1 ? owners[0]!.user_id : null,
      user_name: normalized,
      details: { identifier: normalized, released: count },
    });
}

export async function clearUserBlocks(db: Db, userId: string, _actor: Actor): Promise<void> {
  const user = await getUserRowOrThrow(db, userId);
  await removeExpired(db);
  const { count } = await db.userBlock.deleteMany({ where: userBlocksWhere(user) });
  if (count > 0)
    await writeLogEvent(db, {
      type: "ublkdu",
      description: "User login block released through the Management API",
      user_id: userId,
      details: { released: count },
    });
}
