// The SSO session after a successful login on the hosted pages.
//
// - The browser already holds a live session of the same user (prompt=login, max_age): the session
//   continues with the same sid, so applications already signed in with it keep an ID token whose
//   `sid` matches for RP-initiated logout; the authentication time and methods move forward, and
//   the cookie's secret is replaced (a re-authentication must not keep a secret that may have been
//   seen before it: session fixation).
// - Otherwise a new session; a live session of another user in the same browser is ended, since
//   the cookie can only name one and the old one would linger unreachable.
import type { Db } from "../../db/client.ts";
import { randomToken, sha256Hex } from "../../crypto/random.ts";
import { createSession, endSession, findActiveSession, type SessionRow } from "../../oidc/sessions/sessions.ts";

export type EstablishedSession = { session: SessionRow; cookieValue: string; maxAgeSeconds: number };

export async function establishSession(
  db: Db,
  input: { userId: string; amr: string[]; currentCookie?: string; ip?: string; userAgent?: string },
): Promise<EstablishedSession> {
  const current = await findActiveSession(db, input.currentCookie);
  if (current && current.user_id === input.userId && !current.impersonation) {
    const now = new Date();
    const secret = randomToken(32);
    const amr = [...new Set([...(current.amr as string[]), ...input.amr])];
    const session = await db.session.update({
      where: { id: current.id },
      data: { secret_hash: sha256Hex(secret), authenticated_at: now, last_active_at: now, amr },
    });
    return { session, cookieValue: `${session.id}.${secret}`, maxAgeSeconds: Math.max(0, Math.floor((session.expires_at.getTime() - now.getTime()) / 1000)) };
  }
  if (current) await endSession(db, current.id);
  return createSession(db, { userId: input.userId, amr: input.amr, ip: input.ip, userAgent: input.userAgent });
}
