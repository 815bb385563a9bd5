// Creates a user in a Gatehouse database connection (strategy `auth0`).
//
// Two steps so callers can make the insert part of a larger transaction: `prepareDatabaseUser`
// validates and hashes (slow, outside any transaction); `insertDatabaseUser` writes the user, its
// identity, its password hash (and password history when the connection keeps one). Email and
// username are stored lower-cased and are unique per connection (auth0-management-api.md §2.6,
// §12), linked database identities' included (linked-identity-credentials.ts); usernames follow the connection's rules (normalize-username.ts); metadata must fit
// METADATA_MAX_BYTES; the password must pass the connection's policy (check-password-policy.ts).
// Callers: the Management API (create-user.ts), bootstrap and the setup page (create-operator.ts).
import type { Db, DbOrTx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { newInternalId, newObjectId } from "../../crypto/ids.ts";
import { toJson } from "../../db/json.ts";
import { hashPassword } from "../../passwords/hash-pool.ts";
import type { PasswordPolicyOptions } from "../../passwords/password-policy.ts";
import { userEmailSchema } from "../../schemas/users.ts";
import { conflict, invalid } from "../errors.ts";
import type { PasswordHistoryOptions } from "./check-password-history.ts";
import { checkPasswordPolicy } from "./check-password-policy.ts";
import { defaultPictureUrl } from "./default-picture.ts";
import { assertNoLinkedIdentityHolds } from "./linked-identity-credentials.ts";
import { assertMetadataSize } from "./merge-metadata.ts";
import { replaceMetadataIndex } from "./metadata-index.ts";
import { normalizeUsername, type UsernameOptions } from "./normalize-username.ts";
import { storePasswordHash } from "./store-password-hash.ts";
import { newSearchKey, searchColumnsFor } from "./user-search-columns.ts";

export type DatabaseUserInput = {
  email?: string | null;
  username?: string | null;
  password: string;
  email_verified?: boolean;
  phone_number?: string | null;
  phone_verified?: boolean;
  blocked?: boolean;
  name?: string | null;
  nickname?: string | null;
  given_name?: string | null;
  family_name?: string | null;
  picture?: string | null;
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  /** Without the `auth0|` prefix; generated (24 hex) when absent or empty. */
  id?: string;
};

export type ConnectionForUsers = { id: string; name: string; strategy: string; options: unknown };

/** The options of a database connection that user creation and password changes read. */
export type DatabaseConnectionRules = PasswordPolicyOptions & PasswordHistoryOptions & UsernameOptions & { requires_username?: boolean };

export type PreparedDatabaseUser = {
  connection: ConnectionForUsers;
  userId: string;
  providerUserId: string;
  data: {
    email: string | null;
    username: string | null;
    email_verified: boolean;
    phone_number: string | null;
    phone_verified: boolean;
    blocked: boolean;
    name: string | null;
    nickname: string | null;
    given_name: string | null;
    family_name: string | null;
    picture: string | null;
    user_metadata: Record<string, unknown>;
    app_metadata: Record<string, unknown>;
  };
  passwordHash: string;
};

export const notDatabaseConnection = () =>
  invalid("Connection does not support user creation through the API. It must either be a database or passwordless connection.");

export function connectionRules(connection: { options: unknown }): DatabaseConnectionRules {
  const options = connection.options;
  return options !== null && typeof options === "object" ? (options as DatabaseConnectionRules) : {};
}

/** The stored (lower-cased) form of an email, or a 400 in Auth0's words. */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (!userEmailSchema.safeParse(normalized).success)
    throw invalid(`Payload validation error: 'Object didn't pass validation for format email: ${email.slice(0, 320)}' on property email.`, "invalid_body");
  return normalized;
}

export async function prepareDatabaseUser(connection: ConnectionForUsers, input: DatabaseUserInput): Promise<PreparedDatabaseUser> {
  if (connection.strategy !== "auth0") throw notDatabaseConnection();
  const options = connectionRules(connection);

  const email = input.email ? normalizeEmail(input.email) : null;
  if (email === null) throw invalid("Payload validation error: 'Missing required property: email'.", "invalid_body");
  let username: string | null = null;
  if (input.username) {
    if (!options.requires_username) throw invalid("Cannot set username for connection without requires_username.", "invalid_body");
    username = normalizeUsername(input.username, options);
  } else if (options.requires_username) {
    throw invalid("Payload validation error: 'Missing required property: username'.", "invalid_body");
  }
  const userMetadata = input.user_metadata ?? {};
  const appMetadata = input.app_metadata ?? {};
  assertMetadataSize("user_metadata", userMetadata);
  assertMetadataSize("app_metadata", appMetadata);

  await checkPasswordPolicy(input.password, options, { email, username, name: input.name, nickname: input.nickname, user_metadata: userMetadata });

  const providerUserId = input.id || newObjectId();
  const name = input.name ?? email;
  const nickname = input.nickname ?? email.split("@")[0]!;
  return {
    connection,
    userId: `auth0|${providerUserId}`,
    providerUserId,
    data: {
      email,
      username,
      email_verified: input.email_verified ?? false,
      phone_number: input.phone_number ?? null,
      phone_verified: input.phone_number ? (input.phone_verified ?? false) : false,
      blocked: input.blocked ?? false,
      name,
      nickname,
      given_name: input.given_name ?? null,
      family_name: input.family_name ?? null,
      picture: input.picture ?? defaultPictureUrl({ email, username, name: input.name, nickname: input.nickname, given_name: input.given_name, family_name: input.family_name }),
      user_metadata: userMetadata,
      app_metadata: appMetadata,
    },
    passwordHash: await hashPassword(input.password),
  };
}

export async function insertDatabaseUser(tx: DbOrTx, prepared: PreparedDatabaseUser) {
  try {
    const now = new Date();
    const user = await tx.user.create({
      data: {
        user_id: prepared.userId,
        connection_id: prepared.connection.id,
        ...prepared.data,
        ...searchColumnsFor(prepared.data),
        search_key: newSearchKey(),
        user_metadata: toJson(prepared.data.user_metadata),
        app_metadata: toJson(prepared.data.app_metadata),
        multifactor: [],
        created_at: now,
        updated_at: now,
      },
    });
    await assertNoLinkedIdentityHolds(tx, prepared.connection.id, prepared.data);
    await replaceMetadataIndex(tx, user.user_id, "user", prepared.data.user_metadata);
    await replaceMetadataIndex(tx, user.user_id, "app", prepared.data.app_metadata);
    await tx.userIdentity.create({
      data: {
        id: newInternalId(),
        user_id: user.user_id,
        connection_id: prepared.connection.id,
        provider: "auth0",
        provider_user_id: prepared.providerUserId,
        is_social: false,
      },
    });
    await storePasswordHash(tx, user.user_id, prepared.passwordHash, connectionRules(prepared.connection));
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("The user already exists.", "auth0_idp_error");
    throw error;
  }
}

export async function createDatabaseUser(db: Db, connection: ConnectionForUsers, input: DatabaseUserInput) {
  const prepared = await prepareDatabaseUser(connection, input);
  return db.$transaction((tx) => insertDatabaseUser(tx, prepared));
}
