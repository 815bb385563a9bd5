// Everything Gatehouse holds about one user, as one JSON document: the right of access and data
// portability (GDPR art. 15, 20; auth0-authentication.md Part I). Served by
// GET /api/v2/users/{id}/export (a Gatehouse extension) and the dashboard.
//
// What is in it, each item with its timestamps:
//   user                    the profile in Auth0's shape (identities, linked ones' profileData,
//                           user_metadata, app_metadata, login statistics)
//   password                whether one is set and when it last changed (never the hash)
//   linked_credentials      the sign-in credentials of database identities linked into the user
//                           (linked-identity-credentials.ts): connection, identity id, email,
//                           username, whether a password is set, when (never the hash or history)
//   roles, permissions      roles held, permissions held directly or through a role (with sources)
//   consents                user grants: application, audience, scopes, first given / last changed
//   sessions                SSO sessions: times, IP, user agent, the applications signed in to
//   refresh_token_families  one entry per family: application, scopes, times, state (no token)
//   tickets                 password-change / verification links: kind, times (no token, no hash)
//   blocks                  brute-force blocks of the user's identifiers
//   breached_password       breached password detection's flag
//   emails                  messages sent to the user: kind, recipient, subject, times (not the
//                           body: it carries single-use links)
//   mfa_authenticators      enrolled MFA authenticators (authenticator app, recovery code): type,
//                           whether confirmed, times (never the secret or the code's hash)
//   logs                    the user's log events in Auth0's shape, oldest first (capped at
//                           MAX_EXPORTED_LOGS, newest kept; `logs_truncated` says so)
// Secrets never appear: token and secret hashes, password hashes and history, MFA secrets are not
// selected.
import type { Db } from "../../db/client.ts";
import { presentLog } from "../logs/present-log.ts";
import type { Actor } from "../actor.ts";
import { binaryCompare } from "../roles/binary-compare.ts";
import { assertActorMayActOn } from "./assert-actor-may-act-on.ts";
import { getUserRowOrThrow } from "./get-user.ts";
import { listUserPermissions } from "./list-user-permissions.ts";
import { userBlocksWhere } from "./list-user-blocks.ts";
import { presentUser } from "./present-user.ts";

export const USER_EXPORT_FORMAT = "gatehouse.user-export";
export const USER_EXPORT_VERSION = 1;
/** A bound on one response; the Management API's /users/{id}/logs pages through the rest. */
export const MAX_EXPORTED_LOGS = 100_000;
const LOG_PAGE = 1_000;

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** Ticket data properties that are about the ticket, never secrets. */
const TICKET_DATA_KEYS = ["connection_id", "result_url", "mark_email_as_verified", "include_email_in_redirect", "requested_by", "source"];

export async function exportUserData(db: Db, userId: string, actor: Actor): Promise<Record<string, unknown>> {
  assertActorMayActOn(actor, userId, "read:users", "read:current_user");
  const row = await getUserRowOrThrow(db, userId);

  const [password, linkedCredentials, linkedWithPassword, roleRows, permissions, grants, sessions, refreshTokens, tickets, blocks, breached, emails, authenticators] = await Promise.all([
    db.userPassword.findUnique({ where: { user_id: userId }, select: { created_at: true, updated_at: true } }),
    db.linkedIdentityCredential.findMany({
      where: { user_id: userId },
      orderBy: { created_at: "asc" },
      select: { id: true, connection_id: true, provider_user_id: true, email_lower: true, username: true, created_at: true, updated_at: true, connection: { select: { name: true } } },
    }),
    db.linkedIdentityCredential.findMany({ where: { user_id: userId, hash: { not: null } }, select: { id: true } }),
    db.userRole.findMany({ where: { user_id: userId }, select: { created_at: true, role: { select: { id: true, name: true, description: true } } } }),
    listUserPermissions(db, userId, { skip: 0, take: Number.MAX_SAFE_INTEGER }, actor),
    db.userGrant.findMany({ where: { user_id: userId }, orderBy: { created_at: "asc" } }),
    db.session.findMany({
      where: { user_id: userId },
      orderBy: { created_at: "asc" },
      select: {
        id: true, amr: true, authenticated_at: true, created_at: true, last_active_at: true, expires_at: true, idle_expires_at: true,
        ip: true, user_agent: true, revoked_at: true, impersonation: true, clients: { select: { client_id: true, created_at: true } },
      },
    }),
    db.refreshToken.findMany({
      where: { user_id: userId },
      orderBy: { created_at: "asc" },
      select: { family_id: true, client_id: true, session_id: true, grant: true, rotating: true, created_at: true, expires_at: true, last_exchanged_at: true, rotated_at: true, revoked_at: true },
    }),
    db.ticket.findMany({ where: { user_id: userId }, orderBy: { created_at: "asc" }, select: { id: true, kind: true, client_id: true, data: true, created_at: true, expires_at: true, consumed_at: true } }),
    db.userBlock.findMany({ where: userBlocksWhere(row), orderBy: { created_at: "asc" } }),
    db.breachedPassword.findUnique({ where: { user_id: userId } }),
    db.emailMessage.findMany({
      where: { user_id: userId },
      orderBy: { created_at: "asc" },
      select: { id: true, kind: true, to: true, subject: true, created_at: true, sent_at: true, error: true },
    }),
    db.authenticator.findMany({
      where: { user_id: userId },
      orderBy: { created_at: "asc" },
      select: { id: true, type: true, confirmed: true, created_at: true, confirmed_at: true, last_used_at: true },
    }),
  ]);

  const clientIds = [...new Set([...grants.map((g) => g.client_id), ...sessions.flatMap((s) => s.clients.map((c) => c.client_id)), ...refreshTokens.map((t) => t.client_id)])];
  const clients = new Map((await db.client.findMany({ where: { client_id: { in: clientIds } }, select: { client_id: true, name: true } })).map((c) => [c.client_id, c.name]));
  const clientName = (id: string) => clients.get(id) ?? null;

  // Refresh tokens by family: what the user granted, not each rotation's token.
  const families = new Map<string, typeof refreshTokens>();
  for (const token of refreshTokens) families.set(token.family_id, [...(families.get(token.family_id) ?? []), token]);

  // The events of the accounts linked into this one are about the same person.
  const accountIds = [...new Set([userId, ...row.identities.map((identity) => `${identity.provider}|${identity.provider_user_id}`)])];
  const { logs, truncated } = await userLogs(db, accountIds);

  return {
    format: USER_EXPORT_FORMAT,
    version: USER_EXPORT_VERSION,
    exported_at: new Date().toISOString(),
    user: presentUser(row),
    password: password ? { set: true, created_at: iso(password.created_at), updated_at: iso(password.updated_at) } : { set: false },
    linked_credentials: linkedCredentials.map((c) => ({
      connection: c.connection.name,
      connection_id: c.connection_id,
      provider: "auth0",
      user_id: c.provider_user_id,
      email: c.email_lower,
      username: c.username,
      password_set: linkedWithPassword.some((w) => w.id === c.id),
      linked_at: iso(c.created_at),
      updated_at: iso(c.updated_at),
    })),
    roles: roleRows
      .map((r) => ({ id: r.role.id, name: r.role.name, description: r.role.description ?? null, assigned_at: iso(r.created_at) }))
      .sort((a, b) => binaryCompare(a.name, b.name)),
    permissions: permissions.permissions,
    consents: grants.map((grant) => ({
      id: grant.id,
      client_id: grant.client_id,
      client_name: clientName(grant.client_id),
      audience: grant.audience,
      scope: grant.scope,
      created_at: iso(grant.created_at),
      updated_at: iso(grant.updated_at),
    })),
    sessions: sessions.map((session) => ({
      id: session.id,
      authentication_methods: session.amr,
      authenticated_at: iso(session.authenticated_at),
      created_at: iso(session.created_at),
      last_active_at: iso(session.last_active_at),
      expires_at: iso(session.expires_at),
      idle_expires_at: iso(session.idle_expires_at),
      revoked_at: iso(session.revoked_at),
      ip: session.ip,
      user_agent: session.user_agent,
      impersonation: session.impersonation ?? null,
      clients: session.clients.map((c) => ({ client_id: c.client_id, client_name: clientName(c.client_id), signed_in_at: iso(c.created_at) })),
    })),
    refresh_token_families: [...families.entries()].map(([familyId, tokens]) => {
      const first = tokens[0]!;
      const grant = (first.grant ?? {}) as Record<string, unknown>;
      const dates = (pick: (t: (typeof tokens)[number]) => Date | null) => tokens.map(pick).filter((d): d is Date => d !== null);
      const lastUsed = dates((t) => t.last_exchanged_at).sort((a, b) => b.getTime() - a.getTime())[0];
      const live = tokens.some((t) => !t.revoked_at && !t.rotated_at && (!t.expires_at || t.expires_at > new Date()));
      return {
        family_id: familyId,
        client_id: first.client_id,
        client_name: clientName(first.client_id),
        session_id: first.session_id,
        audience: grant.audience ?? null,
        scope: grant.scope ?? null,
        rotating: first.rotating,
        tokens_issued: tokens.length,
        created_at: iso(first.created_at),
        last_used_at: iso(lastUsed),
        expires_at: iso(tokens.at(-1)!.expires_at),
        revoked_at: iso(dates((t) => t.revoked_at)[0]),
        active: live,
      };
    }),
    tickets: tickets.map((ticket) => {
      const data = (ticket.data ?? {}) as Record<string, unknown>;
      return {
        id: ticket.id,
        kind: ticket.kind,
        client_id: ticket.client_id,
        ...Object.fromEntries(TICKET_DATA_KEYS.filter((key) => data[key] !== undefined).map((key) => [key, data[key]])),
        created_at: iso(ticket.created_at),
        expires_at: iso(ticket.expires_at),
        consumed_at: iso(ticket.consumed_at),
      };
    }),
    blocks: blocks.map((block) => ({
      id: block.id,
      identifier: block.identifier,
      ip: block.ip,
      connection_id: block.connection_id,
      created_at: iso(block.created_at),
      expires_at: iso(block.expires_at),
    })),
    breached_password: breached ? { blocked: breached.blocked, source: breached.source, detected_at: iso(breached.detected_at), notified_at: iso(breached.notified_at) } : null,
    emails: emails.map((email) => ({ ...email, created_at: iso(email.created_at), sent_at: iso(email.sent_at) })),
    mfa_authenticators: authenticators.map((a) => ({
      id: a.id,
      type: a.type,
      active: a.confirmed,
      created_at: iso(a.created_at),
      confirmed_at: iso(a.confirmed_at),
      last_used_at: iso(a.last_used_at),
    })),
    logs,
    logs_truncated: truncated,
  };
}

/** The accounts' events, oldest first, read in pages. */
async function userLogs(db: Db, userIds: string[]): Promise<{ logs: Record<string, unknown>[]; truncated: boolean }> {
  const total = await db.logEvent.count({ where: { user_id: { in: userIds } } });
  const skip = Math.max(0, total - MAX_EXPORTED_LOGS);
  const logs: Record<string, unknown>[] = [];
  let after = "";
  let skipped = 0;
  // Skip the oldest beyond the cap by offset once, then walk by log_id (no deep offsets per page).
  if (skip > 0) {
    const boundary = await db.logEvent.findFirst({ where: { user_id: { in: userIds } }, orderBy: { log_id: "asc" }, skip: skip - 1, select: { log_id: true } });
    after = boundary?.log_id ?? "";
    skipped = skip;
  }
  for (;;) {
    const page = await db.logEvent.findMany({ where: { user_id: { in: userIds }, log_id: { gt: after } }, orderBy: { log_id: "asc" }, take: LOG_PAGE });
    logs.push(...page.map(presentLog));
    if (page.length < LOG_PAGE) break;
    after = page.at(-1)!.log_id;
  }
  return { logs, truncated: skipped > 0 };
}
