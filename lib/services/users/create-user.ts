// POST /api/v2/users (auth0-management-api.md §3.2): creates a user in a database connection (the
// only kind Gatehouse runs; passwordless comes later). `connection` names it; the password must
// pass its policy; email and username are unique in it (409 "The user already exists."). A given
// `user_id` becomes `auth0|<user_id>`. A verification email goes out, as Auth0 sends one, when
// the user has an email that is not verified, unless `verify_email: false` (or forced with
// `verify_email: true`): lib/email/send-verification-email.ts (SMTP, or the outbox without it).
import type { Db } from "../../db/client.ts";
import type { UserCreateInput } from "../../schemas/users.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { insertDatabaseUser, notDatabaseConnection, prepareDatabaseUser } from "./create-database-user.ts";
import { getUserRowOrThrow } from "./get-user.ts";
import { identityProviderKind } from "./identity-provider-kind.ts";
import { presentUser } from "./present-user.ts";
import { sendVerificationEmail } from "../../email/send-verification-email.ts";

export async function createUser(db: Db, input: UserCreateInput, _actor: Actor): Promise<Record<string, unknown>> {
  const connection = await db.connection.findUnique({
    where: { name: input.connection },
    select: { id: true, name: true, strategy: true, options: true, is_system: true },
  });
  if (!connection) throw invalid("Connection does not exist.", "inexistent_connection");
  if (connection.is_system)
    throw invalid(
      `Users of the ${connection.name} connection are Gatehouse operators: they are created in the Gatehouse dashboard, not through the Management API.`,
      "operation_not_supported",
    );
  if (identityProviderKind(connection.strategy) !== "database") throw notDatabaseConnection();
  if (input.password === undefined) throw invalid("Payload validation error: 'Missing required property: password'.", "invalid_body");

  const prepared = await prepareDatabaseUser(connection, {
    email: input.email,
    username: input.username,
    password: input.password,
    email_verified: input.email_verified,
    phone_number: input.phone_number,
    phone_verified: input.phone_verified,
    blocked: input.blocked,
    name: input.name,
    nickname: input.nickname,
    given_name: input.given_name,
    family_name: input.family_name,
    picture: input.picture,
    user_metadata: input.user_metadata,
    app_metadata: input.app_metadata,
    id: input.user_id,
  });
  const wantsVerification =
    prepared.data.email !== null && (input.verify_email === true || (input.verify_email !== false && !prepared.data.email_verified));
  const row = await db.$transaction(async (tx) => {
    const user = await insertDatabaseUser(tx, prepared);
    return getUserRowOrThrow(tx, user.user_id);
  });
  // After the commit: the email links to a user that exists.
  if (wantsVerification) await sendVerificationEmail(db, row, { requestedBy: "management_api", force: input.verify_email === true });
  return presentUser(row);
}
