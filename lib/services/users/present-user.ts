// Users in Auth0's response shape (auth0-management-api.md §2.1-2.2): the root attributes the
// user has (absent ones are left out, as Auth0 does), identities with the primary first, metadata.
// Search columns (email_lower, search_key, ...) never leave the server.
import type { Db, DbOrTx } from "../../db/client.ts";

export const USER_PRESENTATION_INCLUDE = {
  identities: { include: { connection: { select: { name: true } } }, orderBy: { created_at: "asc" as const } },
  breachedPassword: { select: { blocked: true, detected_at: true } },
} as const;

export type UserRowForPresentation = Awaited<ReturnType<Db["user"]["findFirstOrThrow"]>> & {
  identities: (Awaited<ReturnType<Db["userIdentity"]["findFirstOrThrow"]>> & { connection: { name: string } })[];
  /** Breached password detection's flag (lib/services/users/breached-password.ts), when loaded. */
  breachedPassword?: { blocked: boolean; detected_at: Date } | null;
};

function iso(date: Date | null): string | undefined {
  return date ? date.toISOString() : undefined;
}

export function presentUser(row: UserRowForPresentation): Record<string, unknown> {
  const primaryId = row.user_id.slice(row.user_id.indexOf("|") + 1);
  const identities = [...row.identities].sort((a, b) => {
    const aPrimary = a.provider_user_id === primaryId && row.user_id.startsWith(`${a.provider}|`) ? 0 : 1;
    const bPrimary = b.provider_user_id === primaryId && row.user_id.startsWith(`${b.provider}|`) ? 0 : 1;
    return aPrimary - bPrimary || a.created_at.getTime() - b.created_at.getTime();
  });
  const out: Record<string, unknown> = {
    user_id: row.user_id,
    email: row.email ?? undefined,
    email_verified: row.email ? row.email_verified : undefined,
    username: row.username ?? undefined,
    phone_number: row.phone_number ?? undefined,
    phone_verified: row.phone_number ? row.phone_verified : undefined,
    name: row.name ?? undefined,
    nickname: row.nickname ?? undefined,
    given_name: row.given_name ?? undefined,
    family_name: row.family_name ?? undefined,
    picture: row.picture ?? undefined,
    locale: row.locale ?? undefined,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    identities: identities.map((identity, index) => ({
      connection: identity.connection.name,
      provider: identity.provider,
      user_id: identity.provider_user_id,
      isSocial: identity.is_social,
      ...(index > 0 && identity.profile_data ? { profileData: identity.profile_data } : {}),
    })),
    app_metadata: row.app_metadata,
    user_metadata: row.user_metadata,
    last_ip: row.last_ip ?? undefined,
    last_login: iso(row.last_login),
    last_password_reset: iso(row.last_password_reset),
    logins_count: row.logins_count,
    blocked: row.blocked || undefined,
    multifactor: (row.multifactor as unknown[]).length ? row.multifactor : undefined,
    // Gatehouse extension (not in Auth0's user object): present only while breached password
    // detection has flagged the user's password, `{detected_at, blocked}`; gone once it changes.
    breached_password: row.breachedPassword ? { detected_at: row.breachedPassword.detected_at.toISOString(), blocked: row.breachedPassword.blocked } : undefined,
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

/** Presents the given users in the given order (ids that no longer exist are skipped). */
export async function presentUsersById(db: DbOrTx, userIds: string[]): Promise<Record<string, unknown>[]> {
  if (userIds.length === 0) return [];
  const rows = (await db.user.findMany({ where: { user_id: { in: userIds } }, include: USER_PRESENTATION_INCLUDE })) as UserRowForPresentation[];
  const byId = new Map(rows.map((r) => [r.user_id, r]));
  return userIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [presentUser(row)] : [];
  });
}
