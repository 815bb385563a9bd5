// PATCH /api/v2/users/{id} (auth0-management-api.md §2.4, §2.5, §3.4, §7.3), checked in the order
// Auth0's behaviour implies (§12 "PATCH"):
//   1. forbidden combinations (400): password+email, password+email_verified, username+email,
//      username+email_verified, username+password;
//   2. field-level scopes (403): `update:users` changes anything; `update:users_app_metadata` alone
//      only app_metadata; `update:current_user_metadata` only the token's own user_metadata;
//   3. the user (404) and what its identity provider lets the API change: root attributes synced
//      from a social/enterprise provider, email/username/password outside database connections;
//   4. values against the connection (username rules, password policy and history);
//   5. one transaction with the user's row locked (lock-user.ts): metadata merged into what is
//      stored NOW (so concurrent PATCHes of different keys all survive), size-checked, written with
//      the search columns and the metadata index.
// Other attributes are replaced; `null` removes them. An email change resets email_verified unless
// it is sent too (the conservative reading of §3.4). Setting a password lifts the administrator
// block (Auth0's current docs, §7.1/§7.3) unless `blocked` is sent too, clears brute-force blocks,
// stamps last_password_reset and is logged `scp` (a refused one `fcp`).
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { toJson } from "../../db/json.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { hashPassword } from "../../passwords/hash-pool.ts";
import type { UserUpdateInput } from "../../schemas/users.ts";
import type { Actor } from "../actor.ts";
import { AppError, conflict, forbidden, invalid } from "../errors.ts";
import { assertNotOperatorAccount, getUserConnection, type UserConnection } from "./assert-user-manageable.ts";
import { checkPasswordHistory } from "./check-password-history.ts";
import { checkPasswordPolicy } from "./check-password-policy.ts";
import { connectionRules, normalizeEmail } from "./create-database-user.ts";
import { getUserRowOrThrow, userNotFound } from "./get-user.ts";
import { identityProviderKind, rootAttributesEditable } from "./identity-provider-kind.ts";
import { userBlocksWhere } from "./list-user-blocks.ts";
import { lockUser, USER_TRANSACTION_OPTIONS } from "./lock-user.ts";
import { assertMetadataSize, mergeMetadata } from "./merge-metadata.ts";
import { replaceMetadataIndex } from "./metadata-index.ts";
import { normalizeUsername } from "./normalize-username.ts";
import { identifierTaken } from "./linked-identity-credentials.ts";
import { presentUser, type UserRowForPresentation } from "./present-user.ts";
import { sendVerificationEmail } from "../../email/send-verification-email.ts";
import { storePasswordHash } from "./store-password-hash.ts";
import { clearBreachedPassword } from "./breached-password.ts";
import { screenChangedPassword } from "../../attack-protection/breached-password-detection.ts";
import { searchColumnsFor } from "./user-search-columns.ts";

const FORBIDDEN_PAIRS = [
  ["password", "email"],
  ["password", "email_verified"],
  ["username", "email"],
  ["username", "email_verified"],
  ["username", "password"],
] as const satisfies readonly (readonly [keyof UserUpdateInput, keyof UserUpdateInput])[];

/** Root attributes an upstream identity provider supplies (§2.5). */
const PROVIDER_ROOT_ATTRIBUTES = ["family_name", "given_name", "name", "nickname", "picture"] as const;

function sent(input: UserUpdateInput): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key);
}

function assertNoForbiddenPairs(input: UserUpdateInput): void {
  for (const [a, b] of FORBIDDEN_PAIRS)
    if (input[a] !== undefined && input[b] !== undefined) throw invalid(`Cannot update ${a} and ${b} simultaneously.`, "invalid_body");
}

function assertFieldScopes(input: UserUpdateInput, actor: Actor, userId: string): void {
  if (actor.kind !== "client" || actor.scopes.has("update:users")) return;
  const allowed = new Set<string>();
  if (actor.scopes.has("update:users_app_metadata")) allowed.add("app_metadata");
  const self = actor.subject === userId;
  if (actor.scopes.has("update:current_user_metadata") && self) allowed.add("user_metadata");
  const refused = sent(input).filter((field) => !allowed.has(field));
  if (refused.length === 0) return;
  if (allowed.size === 0 && actor.scopes.has("update:current_user_metadata") && !self)
    throw forbidden("User to be acted on does not match subject in bearer token.", "insufficient_scope");
  throw forbidden(
    `Some fields cannot be updated with the permissions granted by the bearer token scopes. update:users is required to update: ${refused.join(", ")}.`,
    "insufficient_scope",
  );
}

/** What the user's identity provider lets the API change (§2.5, §3.4). */
function assertProviderAllows(input: UserUpdateInput, connection: UserConnection): void {
  const kind = identityProviderKind(connection.strategy);
  const synced = PROVIDER_ROOT_ATTRIBUTES.filter((field) => input[field] !== undefined);
  if (synced.length > 0 && !rootAttributesEditable(connection.strategy, connection.options))
    throw invalid(
      `The following user attributes cannot be updated: ${synced.join(", ")}. The connection must either be a database connection ` +
        "(using the Auth0 store), a passwordless connection (email or sms) or has disabled 'Sync user profile attributes at each login'.",
      "invalid_body",
    );
  if (kind === "database") return;
  if (input.email !== undefined) throw invalid("Cannot update email for non-database user.", "invalid_body");
  if (input.username !== undefined) throw invalid("Cannot update username for non-database user.", "invalid_body");
  if (input.password !== undefined) throw invalid("Cannot update password for non-database user.", "invalid_body");
  if (input.email_verified !== undefined && kind === "enterprise") throw invalid("Email verification is not supported for enterprise users.", "invalid_body");
}

/** `connection` selects the identity to change: Gatehouse changes the primary one only (for now). */
function assertConnectionSelector(input: UserUpdateInput, user: UserRowForPresentation, connection: UserConnection): void {
  if (input.connection === undefined || input.connection === connection.name) return;
  if (user.identities.some((identity) => identity.connection.name === input.connection))
    throw invalid(
      "Changing a linked (secondary) identity is not supported yet: its data lives in the primary user's identities[].profileData. Unlink it first.",
      "operation_not_supported",
    );
  throw invalid(`The user has no identity in the connection ${input.connection}.`, "invalid_body");
}

export async function updateUser(db: Db, userId: string, input: UserUpdateInput, actor: Actor): Promise<Record<string, unknown>> {
  assertNoForbiddenPairs(input);
  assertFieldScopes(input, actor, userId);
  const existing = await getUserRowOrThrow(db, userId);
  const connection = await getUserConnection(db, existing.connection_id);
  assertNotOperatorAccount(connection);
  assertConnectionSelector(input, existing, connection);
  assertProviderAllows(input, connection);
  if (input.verify_phone_number === true) throw invalid("Phone number verification (verify_phone_number) is not supported yet.", "operation_not_supported");

  const rules = connectionRules(connection);
  const email = input.email === undefined || input.email === null ? input.email : normalizeEmail(input.email);
  if (email === null && !(rules.requires_username && existing.username))
    throw invalid("Cannot remove the email address of a user who has no username to sign in with.", "invalid_body");
  let username = input.username;
  if (typeof username === "string") {
    if (!rules.requires_username) throw invalid("Cannot set username for connection without requires_username.", "invalid_body");
    username = normalizeUsername(username, rules);
  } else if (username === null && rules.requires_username) {
    throw invalid("Cannot remove the username: the connection requires one.", "invalid_body");
  }
  if (input.password === null) throw invalid("A database user's password cannot be removed; set a new one instead.", "invalid_body");

  let passwordHash: string | undefined;
  if (input.password !== undefined) {
    try {
      await checkPasswordPolicy(input.password, rules, {
        email: existing.email,
        username: existing.username,
        name: input.name === undefined ? existing.name : input.name,
        nickname: input.nickname === undefined ? existing.nickname : input.nickname,
        user_metadata: input.user_metadata ? mergeMetadata(existing.user_metadata, input.user_metadata) : (existing.user_metadata as Record<string, unknown>),
      });
      await checkPasswordHistory(db, userId, input.password, rules);
      await screenChangedPassword(db, input.password, { user_id: userId, user_name: existing.email ?? existing.username, connection: connection.name, connection_id: connection.id, strategy: connection.strategy, strategy_type: "database" });
    } catch (error) {
      if (error instanceof AppError)
        await writeLogEvent(db, {
          type: "fcp",
          description: error.message,
          user_id: userId,
          connection: connection.name,
          connection_id: connection.id,
          strategy: connection.strategy,
          strategy_type: "database",
        });
      throw error;
    }
    passwordHash = await hashPassword(input.password);
  }

  let row: UserRowForPresentation;
  try {
    row = await db.$transaction(async (tx) => {
      if (!(await lockUser(tx, userId))) throw userNotFound();
      const current = await tx.user.findUniqueOrThrow({
        where: { user_id: userId },
        select: { email: true, username: true, phone_number: true, user_metadata: true, app_metadata: true },
      });
      const data: Record<string, unknown> = { updated_at: new Date() };

      const userMetadata = input.user_metadata && mergeMetadata(current.user_metadata, input.user_metadata);
      const appMetadata = input.app_metadata && mergeMetadata(current.app_metadata, input.app_metadata);
      if (userMetadata) {
        assertMetadataSize("user_metadata", userMetadata);
        data.user_metadata = toJson(userMetadata);
      }
      if (appMetadata) {
        assertMetadataSize("app_metadata", appMetadata);
        data.app_metadata = toJson(appMetadata);
      }

      for (const field of ["name", "nickname", "given_name", "family_name", "picture", "blocked", "phone_verified"] as const)
        if (input[field] !== undefined) data[field] = input[field];
      if (input.email_verified !== undefined) data.email_verified = input.email_verified;
      if (email !== undefined) {
        if (email !== null && email !== current.email && (await identifierTaken(tx, connection.id, { email })))
          throw invalid("The specified new email already exists", "auth0_idp_error");
        data.email = email;
        if (email !== current.email && input.email_verified === undefined) data.email_verified = false;
      }
      if (username !== undefined) {
        if (username !== null && username !== current.username && (await identifierTaken(tx, connection.id, { username })))
          throw invalid("The username provided is in use already.", "auth0_idp_error");
        data.username = username;
      }
      if (input.phone_number !== undefined) {
        data.phone_number = input.phone_number;
        if (input.phone_number !== current.phone_number && input.phone_verified === undefined) data.phone_verified = false;
      }
      Object.assign(
        data,
        Object.fromEntries(
          Object.entries(searchColumnsFor({ email, name: input.name, given_name: input.given_name, family_name: input.family_name, nickname: input.nickname })).filter(
            ([, value]) => value !== undefined,
          ),
        ),
      );
      if (passwordHash !== undefined) {
        data.last_password_reset = new Date();
        if (input.blocked === undefined) data.blocked = false;
      }

      await tx.user.update({ where: { user_id: userId }, data: data as never });
      if (userMetadata) await replaceMetadataIndex(tx, userId, "user", userMetadata);
      if (appMetadata) await replaceMetadataIndex(tx, userId, "app", appMetadata);
      if (passwordHash !== undefined) {
        await storePasswordHash(tx, userId, passwordHash, rules);
        await clearBreachedPassword(tx, userId);
        // A new password ends brute-force blocks on the account (as a reset does, §7.1).
        await tx.userBlock.deleteMany({ where: userBlocksWhere({ ...current, user_id: userId, connection_id: connection.id }) });
      }
      return getUserRowOrThrow(tx, userId);
    }, USER_TRANSACTION_OPTIONS);
  } catch (error) {
    // The pre-checks above run in the transaction; a simultaneous write can still win the race.
    if (isUniqueViolation(error)) throw conflict("The user already exists.", "auth0_idp_error");
    throw error;
  }

  if (passwordHash !== undefined)
    await writeLogEvent(db, {
      type: "scp",
      description: "Password changed through the Management API",
      user_id: userId,
      user_name: row.email ?? row.username,
      connection: connection.name,
      connection_id: connection.id,
      strategy: connection.strategy,
      strategy_type: "database",
    });
  // After the commit, to the address the user now has.
  if (input.verify_email === true)
    await sendVerificationEmail(db, row, { clientId: input.client_id ?? null, requestedBy: "management_api", force: true });
  return presentUser(row);
}
