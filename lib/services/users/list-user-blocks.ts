// Brute-force blocks (auth0-management-api.md §3.11, §7.1) as GET /api/v2/user-blocks shows them:
// { blocked_for: [{ identifier, ip?, connection }] }. Blocks are UserBlock rows written by the login
// flow (lib/attack-protection/brute-force-protection.ts: too many failed attempts for an identifier,
// from an IP, or from anywhere in account-lockout mode); expired ones are ignored here and deleted
// by the next release. These never touch the administrator `blocked` flag.
//
// A user's blocks are those recorded for it and those on its identifiers (email, username, phone,
// lower-cased as the login flow stores them) in its connection, or in no particular connection.
//
// `consider_brute_force_enablement=true` returns blocks only where brute-force protection is on and
// set to block: the tenant's brute_force_protection settings (enabled, with the `block` shield;
// lib/attack-protection/settings.ts, Auth0's defaults applied) and the connection's
// `brute_force_protection` option.
import type { Db } from "../../db/client.ts";
import { getAttackProtectionSettings } from "../../attack-protection/settings.ts";
import type { Prisma } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { getUserRowOrThrow } from "./get-user.ts";

export type BlockedFor = { identifier: string; ip?: string; connection?: string };

type BlockOwner = { user_id: string; connection_id: string; email: string | null; username: string | null; phone_number: string | null };

/** The user's identifiers as blocks store them (lower-cased). */
export function blockIdentifiersOf(user: Pick<BlockOwner, "email" | "username" | "phone_number">): string[] {
  return [user.email, user.username, user.phone_number].filter((v): v is string => v !== null).map((v) => v.toLowerCase());
}

/** The blocks that belong to a user (expired ones included). */
export function userBlocksWhere(user: BlockOwner): Prisma.UserBlockWhereInput {
  const identifiers = blockIdentifiersOf(user);
  return {
    OR: [
      { user_id: user.user_id },
      ...(identifiers.length ? [{ identifier: { in: identifiers }, OR: [{ connection_id: user.connection_id }, { connection_id: null }] }] : []),
    ],
  };
}

async function tenantBlocksEnabled(db: Db): Promise<boolean> {
  const settings = (await getAttackProtectionSettings(db)).brute_force_protection;
  return settings.enabled && settings.shields.includes("block");
}

async function listBlocks(db: Db, where: Prisma.UserBlockWhereInput, considerEnablement: boolean): Promise<{ blocked_for: BlockedFor[] }> {
  if (considerEnablement && !(await tenantBlocksEnabled(db))) return { blocked_for: [] };
  const now = new Date();
  const rows = await db.userBlock.findMany({
    where: { AND: [where, { OR: [{ expires_at: null }, { expires_at: { gt: now } }] }] },
    orderBy: [{ created_at: "asc" }, { id: "asc" }],
    take: 1000,
  });
  const connectionIds = [...new Set(rows.map((r) => r.connection_id).filter((id): id is string => id !== null))];
  const connections = connectionIds.length
    ? await db.connection.findMany({ where: { id: { in: connectionIds } }, select: { id: true, name: true, options: true } })
    : [];
  const byId = new Map(connections.map((c) => [c.id, c]));
  const blocked_for = rows.flatMap((row): BlockedFor[] => {
    const connection = row.connection_id ? byId.get(row.connection_id) : undefined;
    if (considerEnablement && (connection?.options as { brute_force_protection?: unknown } | null)?.brute_force_protection === false) return [];
    return [{ identifier: row.identifier, ...(row.ip ? { ip: row.ip } : {}), ...(connection ? { connection: connection.name } : {}) }];
  });
  return { blocked_for };
}

export function listUserBlocksByIdentifier(db: Db, identifier: string, options: { considerBruteForceEnablement?: boolean }, _actor: Actor) {
  return listBlocks(db, { identifier: identifier.trim().toLowerCase() }, options.considerBruteForceEnablement === true);
}

export async function listUserBlocks(db: Db, userId: string, options: { considerBruteForceEnablement?: boolean }, _actor: Actor) {
  const user = await getUserRowOrThrow(db, userId);
  return listBlocks(db, userBlocksWhere(user), options.considerBruteForceEnablement === true);
}
