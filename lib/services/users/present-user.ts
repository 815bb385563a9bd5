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

export function presentUser(row: UserRowForPresentation): Record<string, unknown> {
  const primaryId = row.user_id.slice(row.user_id.indexOf("|") + 1);
  const identities =
    row.identities.length < 2
      ? row.identities
      : [...row.identities].sort((a, b) => {
          const aPrimary = a.provider_user_id === primaryId && row.user_id.startsWith(`${a.provider}|`) ? 0 : 1;
          const bPrimary = b.provider_user_id === primaryId && row.user_id.startsWith(`${b.provider}|`) ? 0 : 1;
          return aPrimary - bPrimary || a.created_at.getTime() - b.created_at.getTime();
        });
  // Attributes the user lacks are left out. Built by adding only what is there (never `delete`,
  // which turns the object into a slow dictionary: exports and search pages present many).
  const out: Record<string, unknown> = { user_id: row.user_id };
  if (row.email != null) out.email = row.email;
  if (row.email) out.email_verified = row.email_verified;
  if (row.username != null) out.username = row.username;
  if (row.phone_number != null) out.phone_number = row.phone_number;
  if (row.phone_number) out.phone_verified = row.phone_verified;
  if (row.name != null) out.name = row.name;
  if (row.nickname != null) out.nickname = row.nickname;
  if (row.given_name != null) out.given_name = row.given_name;
  if (row.family_name != null) out.family_name = row.family_name;
  if (row.picture != null) out.picture = row.picture;
  if (row.locale != null) out.locale = row.locale;
  if (row.created_at) out.created_at = row.created_at.toISOString();
  if (row.updated_at) out.updated_at = row.updated_at.toISOString();
  out.identities = identities.map((identity, index) => ({
    connection: identity.connection.name,
    provider: identity.provider,
    user_id: identity.provider_user_id,
    isSocial: identity.is_social,
    ...(index > 0 && identity.profile_data ? { profileData: identity.profile_data } : {}),
  }));
  if (row.app_metadata !== undefined) out.app_metadata = row.app_metadata;
  if (row.user_metadata !== undefined) out.user_metadata = row.user_metadata;
  if (row.last_ip != null) out.last_ip = row.last_ip;
  if (row.last_login) out.last_login = row.last_login.toISOString();
  if (row.last_password_reset) out.last_password_reset = row.last_password_reset.toISOString();
  if (row.logins_count !== undefined) out.logins_count = row.logins_count;
  if (row.blocked) out.blocked = true;
  if ((row.multifactor as unknown[]).length) out.multifactor = row.multifactor;
  // Gatehouse extension (not in Auth0's user object): present only while breached password
  // detection has flagged the user's password, `{detected_at, blocked}`; gone once it changes.
  if (row.breachedPassword) out.breached_password = { detected_at: row.breachedPassword.detected_at.toISOString(), blocked: row.breachedPassword.blocked };
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
