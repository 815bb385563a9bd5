// Creates a user in a Gatehouse database connection (strategy `auth0`).
//
// Two steps so callers can make the insert part of a larger transaction: `prepareDatabaseUser`
// validates and hashes (slow, outside any transaction); `insertDatabaseUser` writes the user, its
// identity and its password hash. Email and username are stored lower-cased and are unique per
// connection (auth0-management-api.md §2.6, §12).
import { z } from "zod";
import type { Db, DbOrTx } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { newInternalId, newObjectId } from "../../crypto/ids.ts";
import { toJson } from "../../db/json.ts";
import { replaceMetadataIndex } from "./metadata-index.ts";
import { newSearchKey, searchColumnsFor } from "./user-search-columns.ts";
import { hashPassword } from "../../passwords/hash-pool.ts";
import { passwordPolicyFailures, type PasswordPolicyOptions } from "../../passwords/password-policy.ts";
import { AppError, conflict, invalid } from "../errors.ts";

export type DatabaseUserInput = {
  email?: string | null;
  username?: string | null;
  password: string;
  email_verified?: boolean;
  name?: string | null;
  nickname?: string | null;
  given_name?: string | null;
  family_name?: string | null;
  picture?: string | null;
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  /** Without the `auth0|` prefix; generated (24 hex) when absent. */
  id?: string;
};

export type ConnectionForUsers = { id: string; name: string; strategy: string; options: unknown };

export type PreparedDatabaseUser = {
  connection: ConnectionForUsers;
  userId: string;
  providerUserId: string;
  data: {
    email: string | null;
    username: string | null;
    email_verified: boolean;
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

const emailSchema = z.email().max(254);

export async function prepareDatabaseUser(connection: ConnectionForUsers, input: DatabaseUserInput): Promise<PreparedDatabaseUser> {
  if (connection.strategy !== "auth0")
    throw invalid("Connection does not support user creation through the API. It must either be a database or passwordless connection.");
  const options = (connection.options ?? {}) as PasswordPolicyOptions & { requires_username?: boolean };

  const email = input.email ? input.email.trim().toLowerCase() : null;
  if (email !== null && !emailSchema.safeParse(email).success)
    throw invalid(`Payload validation error: 'Object didn't pass validation for format email: ${input.email}' on property email.`, "invalid_body");
  if (email === null) throw invalid("Payload validation error: 'Missing required property: email'.", "invalid_body");
  const username = input.username ? input.username.trim().toLowerCase() : null;
  if (username !== null && !options.requires_username) throw invalid("Cannot set username for connection without requires_username.");
  if (username === null && options.requires_username) throw invalid("Payload validation error: 'Missing required property: username'.", "invalid_body");

  const failures = passwordPolicyFailures(input.password, options, {
    email, username, name: input.name, nickname: input.nickname, user_metadata: input.user_metadata,
  });
  if (failures.length > 0)
    throw new AppError("invalid", `PasswordStrengthError: Password is too weak (${failures.map((f) => f.message).join("; ")})`, "password_strength_error");

  const providerUserId = input.id ?? newObjectId();
  return {
    connection,
    userId: `auth0|${providerUserId}`,
    providerUserId,
    data: {
      email,
      username,
      email_verified: input.email_verified ?? false,
      name: input.name ?? email,
      nickname: input.nickname ?? email.split("@")[0]!,
      given_name: input.given_name ?? null,
      family_name: input.family_name ?? null,
      picture: input.picture ?? null,
      user_metadata: input.user_metadata ?? {},
      app_metadata: input.app_metadata ?? {},
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
    await tx.userPassword.create({ data: { user_id: user.user_id, hash: prepared.passwordHash } });
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
