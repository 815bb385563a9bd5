// Users for search tests, written straight to the database the way the users services write them
// (search columns, search_key, metadata index, primary identity), so tests can set what the API
// cannot: logins, dates, social identities, mixed-case emails.
import type { Db } from "../../lib/db/client.ts";
import { newConnectionId, newInternalId, newObjectId } from "../../lib/crypto/ids.ts";
import { toJson } from "../../lib/db/json.ts";
import { replaceMetadataIndex } from "../../lib/services/users/metadata-index.ts";
import { newSearchKey, searchColumnsFor } from "../../lib/services/users/user-search-columns.ts";

export type FixtureUser = {
  email?: string | null;
  email_verified?: boolean;
  username?: string | null;
  phone_number?: string | null;
  phone_verified?: boolean;
  name?: string | null;
  given_name?: string | null;
  family_name?: string | null;
  nickname?: string | null;
  blocked?: boolean;
  logins_count?: number;
  created_at?: string;
  updated_at?: string;
  last_login?: string | null;
  last_ip?: string | null;
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  /** The primary identity's connection (default Username-Password-Authentication). */
  connection?: string;
  /** Extra (linked) identities. */
  linked?: { connection: string; provider: string; providerUserId: string; isSocial: boolean }[];
};

const connectionIds = new Map<string, { id: string; strategy: string }>();

async function connectionByName(db: Db, name: string) {
  let found = connectionIds.get(name);
  if (!found) {
    const row = await db.connection.findUniqueOrThrow({ where: { name }, select: { id: true, strategy: true } });
    found = row;
    connectionIds.set(name, row);
  }
  return found;
}

/** A social connection (strategy = provider = name, e.g. google-oauth2), created once per database. */
export async function ensureSocialConnection(db: Db, name: string): Promise<void> {
  const existing = await db.connection.findUnique({ where: { name } });
  if (existing) return;
  await db.connection.create({
    data: { id: newConnectionId(), name, strategy: name, options: {}, realms: [], metadata: {} },
  });
}

export async function insertFixtureUser(db: Db, spec: FixtureUser): Promise<string> {
  const connection = await connectionByName(db, spec.connection ?? "Username-Password-Authentication");
  const provider = connection.strategy === "auth0" ? "auth0" : connection.strategy;
  const providerUserId = newObjectId();
  const userId = `${provider}|${providerUserId}`;
  const created = new Date(spec.created_at ?? "2024-01-01T00:00:00.000Z");
  const profile = {
    email: spec.email ?? null,
    name: spec.name ?? null,
    given_name: spec.given_name ?? null,
    family_name: spec.family_name ?? null,
    nickname: spec.nickname ?? null,
  };
  await db.$transaction(async (tx) => {
    await tx.user.create({
      data: {
        user_id: userId,
        connection_id: connection.id,
        ...profile,
        ...searchColumnsFor(profile),
        search_key: newSearchKey(),
        email_verified: spec.email_verified ?? false,
        username: spec.username ?? null,
        phone_number: spec.phone_number ?? null,
        phone_verified: spec.phone_verified ?? false,
        blocked: spec.blocked ?? false,
        logins_count: spec.logins_count ?? 0,
        last_login: spec.last_login ? new Date(spec.last_login) : null,
        last_ip: spec.last_ip ?? null,
        user_metadata: toJson(spec.user_metadata ?? {}),
        app_metadata: toJson(spec.app_metadata ?? {}),
        multifactor: [],
        created_at: created,
        updated_at: new Date(spec.updated_at ?? created.toISOString()),
      },
    });
    await replaceMetadataIndex(tx, userId, "user", spec.user_metadata ?? {});
    await replaceMetadataIndex(tx, userId, "app", spec.app_metadata ?? {});
    await tx.userIdentity.create({
      data: { id: newInternalId(), user_id: userId, connection_id: connection.id, provider, provider_user_id: providerUserId, is_social: provider !== "auth0", created_at: created },
    });
    for (const link of spec.linked ?? []) {
      const linked = await connectionByName(db, link.connection);
      await tx.userIdentity.create({
        data: {
          id: newInternalId(),
          user_id: userId,
          connection_id: linked.id,
          provider: link.provider,
          provider_user_id: link.providerUserId,
          is_social: link.isSocial,
          created_at: new Date(created.getTime() + 1000),
        },
      });
    }
  });
  return userId;
}
