// Ends an impersonation before its time box: the link stops working, the impersonation session
// ends, its unused codes are spent and its refresh tokens revoked. Access and ID tokens already
// issued are JWTs and stay valid until their `exp`, which the time box caps. Idempotent.
import type { Db } from "../../db/client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { endSession } from "../../oidc/sessions/sessions.ts";
import type { Actor } from "../actor.ts";
import { notFound } from "../errors.ts";
import { impersonationActor } from "./impersonation-actor.ts";
import { presentImpersonation, type ImpersonationView } from "./present-impersonation.ts";
import { sweepExpiredImpersonations } from "./sweep-expired-impersonations.ts";

export async function endImpersonation(db: Db, id: string, actor: Actor): Promise<ImpersonationView> {
  const by = impersonationActor(actor);
  await sweepExpiredImpersonations(db);
  const row = await db.impersonation.findUnique({ where: { id } });
  if (!row) throw notFound("The impersonation does not exist.");
  if (row.ended_at) return presentImpersonation(row);
  const now = new Date();
  const { count } = await db.impersonation.updateMany({ where: { id, ended_at: null }, data: { ended_at: now, end_reason: "ended", ended_by: by.sub, link_expires_at: now } });
  if (row.session_id) {
    await endSession(db, row.session_id);
    await db.authorizationCode.updateMany({ where: { session_id: row.session_id, consumed_at: null }, data: { consumed_at: now } });
    await db.refreshToken.updateMany({ where: { session_id: row.session_id, revoked_at: null }, data: { revoked_at: now } });
  }
  const ended = await db.impersonation.findUniqueOrThrow({ where: { id } });
  if (count === 1 && row.started_at)
    await writeLogEvent(db, {
      type: "eimp",
      description: `Impersonation ended by ${by.email ?? by.sub}`,
      user_id: row.user_id,
      client_id: row.client_id,
      client_name: row.client_name,
      details: { impersonation_id: row.id, actor: { sub: row.actor_sub, email: row.actor_email }, ended_by: by, reason: row.reason, end_reason: "ended", session_id: row.session_id },
    });
  return presentImpersonation(ended);
}
