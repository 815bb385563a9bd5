// Opening the one-time login link: the impersonation starts. A session of its own (amr
// ["impersonation"], ending with the time box, never put in any browser's cookie, so neither the
// user's sessions nor the operator's are touched), an authorization code carrying the RFC 8693
// `act` claim and the time box (Grant.act / Grant.not_after), and the application's callback
// with the code (and the `state` the request gave, plus `iss`, RFC 9207).
import type { Db } from "../../db/client.ts";
import { sha256Hex } from "../../crypto/random.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { authorizationResponse } from "../../oidc/authorize/authorization-response.ts";
import { issueAuthorizationCode } from "../../oidc/codes/authorization-codes.ts";
import { matchesCallback } from "../../oidc/redirect-uri.ts";
import { addSessionClient, createSession } from "../../oidc/sessions/sessions.ts";
import { AppError, invalid } from "../errors.ts";
import { sweepExpiredImpersonations } from "./sweep-expired-impersonations.ts";

export const IMPERSONATION_AMR = ["impersonation"];

const UNUSABLE = "This sign-in link is unknown, was already used, or has expired. Start the impersonation again.";

export async function redeemImpersonationLink(db: Db, ticket: string, context: { ip?: string; userAgent?: string } = {}): Promise<{ location: string }> {
  if (!/^[A-Za-z0-9_-]{20,128}$/.test(ticket)) throw invalid(UNUSABLE);
  const row = await db.impersonation.findUnique({ where: { link_hash: sha256Hex(ticket) } });
  const now = new Date();
  const fail = async (message: string): Promise<never> => {
    if (row)
      await writeLogEvent(db, {
        type: "fimp",
        description: message,
        user_id: row.user_id,
        client_id: row.client_id,
        client_name: row.client_name,
        details: { impersonation_id: row.id, actor: { sub: row.actor_sub, email: row.actor_email }, reason: row.reason },
      });
    throw invalid(message);
  };
  if (!row || row.started_at || row.ended_at || row.link_expires_at <= now || row.expires_at <= now) {
    if (row && !row.ended_at && row.expires_at <= now) await sweepExpiredImpersonations(db, { userId: row.user_id });
    return fail(UNUSABLE);
  }
  // Single use, even under concurrent requests: only the request that sets started_at goes on.
  const { count } = await db.impersonation.updateMany({ where: { id: row.id, started_at: null, ended_at: null }, data: { started_at: now } });
  if (count !== 1) return fail(UNUSABLE);

  const user = await db.user.findUnique({ where: { user_id: row.user_id }, select: { user_id: true, email: true, username: true, blocked: true } });
  const client = await db.client.findUnique({ where: { client_id: row.client_id }, select: { callbacks: true } });
  const endNow = async (message: string): Promise<never> => {
    await db.impersonation.update({ where: { id: row.id }, data: { ended_at: now, end_reason: "failed" } });
    return fail(message);
  };
  if (!user || user.blocked) return endNow("The user no longer exists or is blocked.");
  if (!client || !matchesCallback(row.redirect_uri, client.callbacks as string[])) return endNow("The application no longer exists or no longer allows this callback URL.");

  const act = { sub: row.actor_sub };
  const notAfter = Math.floor(row.expires_at.getTime() / 1000);
  const { session } = await createSession(db, {
    userId: user.user_id,
    amr: IMPERSONATION_AMR,
    ip: context.ip,
    userAgent: context.userAgent,
    impersonation: { impersonation_id: row.id, act, reason: row.reason, not_after: notAfter },
    absoluteMs: row.expires_at.getTime() - now.getTime(),
  });
  const request = row.request as { scope: string[]; audience?: string; state?: string };
  const code = await issueAuthorizationCode(db, {
    clientId: row.client_id,
    userId: user.user_id,
    sessionId: session.id,
    redirectUri: row.redirect_uri,
    grant: {
      scope: request.scope,
      audience: request.audience,
      auth_time: Math.floor(now.getTime() / 1000),
      amr: IMPERSONATION_AMR,
      sid: session.id,
      act,
      not_after: notAfter,
    },
  });
  await addSessionClient(db, session.id, row.client_id);
  await db.impersonation.update({ where: { id: row.id }, data: { session_id: session.id } });
  await writeLogEvent(db, {
    type: "simp",
    description: `Impersonation started by ${row.actor_email ?? row.actor_sub}`,
    user_id: user.user_id,
    user_name: user.email ?? user.username,
    client_id: row.client_id,
    client_name: row.client_name,
    audience: request.audience ?? null,
    scope: request.scope.join(" "),
    details: {
      impersonation_id: row.id,
      actor: { sub: row.actor_sub, email: row.actor_email },
      reason: row.reason,
      expires_at: row.expires_at.toISOString(),
      session_id: session.id,
    },
  });
  const response = authorizationResponse({ redirect_uri: row.redirect_uri, state: request.state, response_mode: "query" }, { code });
  if (response.kind !== "redirect") throw new AppError("invalid", "Unexpected response mode.");
  return { location: response.location };
}
