// A user's active SSO sessions and authorized applications (user_grants), as the user page lists
// them, each revocable:
// - revoking a session ends it (the browser must log in again) and revokes the refresh tokens
//   issued within it;
// - revoking an application's grant forgets the consent and revokes the refresh tokens the
//   application holds for the user (it must ask again).
import type { Db } from "../../db/client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { endSession } from "../../oidc/sessions/sessions.ts";
import { notFound } from "../../services/errors.ts";

export type SessionItem = {
  id: string;
  created_at: Date;
  last_active_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
  impersonated: boolean;
  applications: string[];
};

export type GrantItem = { id: string; client_id: string; client_name: string | null; audience: string; scope: string[]; created_at: Date; updated_at: Date };

export async function listActiveSessions(db: Db, userId: string): Promise<SessionItem[]> {
  const now = new Date();
  const sessions = await db.session.findMany({
    where: { user_id: userId, revoked_at: null, expires_at: { gt: now }, idle_expires_at: { gt: now } },
    orderBy: { last_active_at: "desc" },
    take: 100,
    include: { clients: { select: { client_id: true } } },
  });
  const clientIds = [...new Set(sessions.flatMap((s) => s.clients.map((c) => c.client_id)))];
  const names = new Map((clientIds.length ? await db.client.findMany({ where: { client_id: { in: clientIds } }, select: { client_id: true, name: true } }) : []).map((c) => [c.client_id, c.name]));
  return sessions.map((s) => ({
    id: s.id,
    created_at: s.created_at,
    last_active_at: s.last_active_at,
    expires_at: s.expires_at,
    ip: s.ip,
    user_agent: s.user_agent,
    impersonated: s.impersonation !== null && s.impersonation !== undefined,
    applications: s.clients.map((c) => names.get(c.client_id) ?? c.client_id),
  }));
}

export async function revokeUserSession(db: Db, userId: string, sessionId: string): Promise<void> {
  const session = await db.session.findFirst({ where: { id: sessionId, user_id: userId }, select: { id: true } });
  if (!session) throw notFound("This session does not exist (any more).");
  await endSession(db, session.id);
  await db.refreshToken.updateMany({ where: { session_id: session.id, revoked_at: null }, data: { revoked_at: new Date() } });
  await writeLogEvent(db, { type: "slo", description: "Session revoked in the dashboard", user_id: userId, details: { sid: session.id, revoked_by: "dashboard" } });
}

export async function listUserGrants(db: Db, userId: string): Promise<GrantItem[]> {
  const grants = await db.userGrant.findMany({ where: { user_id: userId }, orderBy: { updated_at: "desc" }, take: 200 });
  const clientIds = [...new Set(grants.map((g) => g.client_id))];
  const names = new Map((clientIds.length ? await db.client.findMany({ where: { client_id: { in: clientIds } }, select: { client_id: true, name: true } }) : []).map((c) => [c.client_id, c.name]));
  return grants.map((g) => ({
    id: g.id,
    client_id: g.client_id,
    client_name: names.get(g.client_id) ?? null,
    audience: g.audience,
    scope: Array.isArray(g.scope) ? (g.scope as string[]) : [],
    created_at: g.created_at,
    updated_at: g.updated_at,
  }));
}

export async function revokeUserGrant(db: Db, userId: string, grantId: string): Promise<void> {
  const grant = await db.userGrant.findFirst({ where: { id: grantId, user_id: userId }, select: { id: true, client_id: true, audience: true } });
  if (!grant) throw notFound("This authorization does not exist (any more).");
  await db.$transaction(async (tx) => {
    await tx.userGrant.delete({ where: { id: grant.id } });
    await tx.refreshToken.updateMany({ where: { user_id: userId, client_id: grant.client_id, revoked_at: null }, data: { revoked_at: new Date() } });
  });
  await writeLogEvent(db, { type: "sapi", description: "Authorized application revoked in the dashboard", user_id: userId, client_id: grant.client_id, details: { audience: grant.audience } });
}
