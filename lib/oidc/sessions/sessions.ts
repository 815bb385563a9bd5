// Server-side SSO sessions: created at login with the tenant's lifetimes (idle and absolute),
// found from the cookie (timing-safe secret check), extended on use, ended at logout.
import { timingSafeEqual } from "node:crypto";
import type { Db, DbOrTx } from "../../db/client.ts";
import { toJson } from "../../db/json.ts";
import { randomAlphanumeric, randomToken, sha256Hex } from "../../crypto/random.ts";

export type SessionRow = Awaited<ReturnType<Db["session"]["findFirstOrThrow"]>>;

const HOUR = 3_600_000;
/** Idle expiry is pushed forward at most this often, so a busy session is not written on every request. */
const TOUCH_EVERY_MS = 60_000;

async function lifetimes(db: DbOrTx): Promise<{ absoluteMs: number; idleMs: number }> {
  const tenant = await db.tenantSettings.findUnique({ where: { id: 1 }, select: { session_lifetime: true, idle_session_lifetime: true } });
  return { absoluteMs: (tenant?.session_lifetime ?? 168) * HOUR, idleMs: (tenant?.idle_session_lifetime ?? 72) * HOUR };
}

export async function createSession(
  db: DbOrTx,
  input: { userId: string; amr: string[]; ip?: string; userAgent?: string; impersonation?: Record<string, unknown>; absoluteMs?: number },
): Promise<{ session: SessionRow; cookieValue: string; maxAgeSeconds: number }> {
  const { absoluteMs, idleMs } = await lifetimes(db);
  const absolute = Math.min(absoluteMs, input.absoluteMs ?? Number.POSITIVE_INFINITY);
  const now = new Date();
  const id = randomAlphanumeric(32);
  const secret = randomToken(32);
  const session = await db.session.create({
    data: {
      id,
      secret_hash: sha256Hex(secret),
      user_id: input.userId,
      amr: input.amr,
      authenticated_at: now,
      last_active_at: now,
      expires_at: new Date(now.getTime() + absolute),
      idle_expires_at: new Date(now.getTime() + Math.min(idleMs, absolute)),
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 512) ?? null,
      impersonation: input.impersonation ? toJson(input.impersonation) : undefined,
    },
  });
  return { session, cookieValue: `${id}.${secret}`, maxAgeSeconds: absolute / 1000 };
}

/** The live session the cookie names, or null (unknown, wrong secret, revoked, expired, idle). */
export async function findActiveSession(db: Db, cookieValue: string | undefined): Promise<SessionRow | null> {
  if (!cookieValue) return null;
  const dot = cookieValue.indexOf(".");
  if (dot < 1) return null;
  const id = cookieValue.slice(0, dot);
  const secret = cookieValue.slice(dot + 1);
  if (!/^[A-Za-z0-9]{1,64}$/.test(id) || secret.length > 128) return null;
  const session = await db.session.findUnique({ where: { id } });
  if (!session) return null;
  const given = Buffer.from(sha256Hex(secret), "hex");
  const stored = Buffer.from(session.secret_hash, "hex");
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
  const now = Date.now();
  if (session.revoked_at || session.expires_at.getTime() <= now || session.idle_expires_at.getTime() <= now) return null;
  if (now - session.last_active_at.getTime() > TOUCH_EVERY_MS) {
    const { idleMs } = await lifetimes(db);
    const idle = new Date(Math.min(now + idleMs, session.expires_at.getTime()));
    await db.session.update({ where: { id }, data: { last_active_at: new Date(now), idle_expires_at: idle } });
    return { ...session, last_active_at: new Date(now), idle_expires_at: idle };
  }
  return session;
}

/** Records that the session signed in to this application (for logout and the dashboard). */
export async function addSessionClient(db: DbOrTx, sessionId: string, clientId: string): Promise<void> {
  await db.sessionClient.upsert({
    where: { session_id_client_id: { session_id: sessionId, client_id: clientId } },
    create: { session_id: sessionId, client_id: clientId },
    update: {},
  });
}

export async function endSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId, revoked_at: null }, data: { revoked_at: new Date() } });
}

export async function endUserSessions(db: DbOrTx, userId: string): Promise<number> {
  const { count } = await db.session.updateMany({ where: { user_id: userId, revoked_at: null }, data: { revoked_at: new Date() } });
  return count;
}
