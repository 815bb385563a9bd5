// The impersonation record as the Management API and the dashboard show it.
import type { Db } from "../../db/client.ts";

export type ImpersonationRow = Awaited<ReturnType<Db["impersonation"]["findFirstOrThrow"]>>;

/** pending: link not used yet; active: signed in, time box running; ended / expired; unused: link never used. */
export type ImpersonationStatus = "pending" | "active" | "ended" | "expired" | "unused";

export type ImpersonationView = {
  id: string;
  user_id: string;
  client_id: string;
  client_name: string | null;
  actor: { sub: string; email: string | null };
  reason: string;
  redirect_uri: string;
  scope: string[];
  audience: string | null;
  status: ImpersonationStatus;
  created_at: string;
  expires_at: string;
  started_at: string | null;
  ended_at: string | null;
  end_reason: string | null;
  ended_by: string | null;
};

export function impersonationStatus(row: ImpersonationRow, now = Date.now()): ImpersonationStatus {
  if (row.ended_at) return row.end_reason === "expired" ? (row.started_at ? "expired" : "unused") : "ended";
  if (row.expires_at.getTime() <= now) return row.started_at ? "expired" : "unused";
  if (!row.started_at) return row.link_expires_at.getTime() <= now ? "unused" : "pending";
  return "active";
}

export function presentImpersonation(row: ImpersonationRow): ImpersonationView {
  const request = row.request as { scope?: string[]; audience?: string };
  return {
    id: row.id,
    user_id: row.user_id,
    client_id: row.client_id,
    client_name: row.client_name,
    actor: { sub: row.actor_sub, email: row.actor_email },
    reason: row.reason,
    redirect_uri: row.redirect_uri,
    scope: request.scope ?? [],
    audience: request.audience ?? null,
    status: impersonationStatus(row),
    created_at: row.created_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    ended_at: row.ended_at?.toISOString() ?? null,
    end_reason: row.end_reason,
    ended_by: row.ended_by,
  };
}
