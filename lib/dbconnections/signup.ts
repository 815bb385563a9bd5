// POST /dbconnections/signup (auth0-authentication.md §9.1): JSON
// {client_id, email, password, connection, username?, given_name?, family_name?, name?, nickname?,
// picture?, user_metadata?} → 200 {_id, email_verified, email, username?, given_name?, ...}.
// Errors in the legacy shape (./legacy-error.ts); the rules live in sign-up-database-user.ts.
import type { Db } from "../db/client.ts";
import { SignupError, signUpDatabaseUser, type SignupInput } from "../services/authentication/sign-up-database-user.ts";
import { findDbConnectionTarget } from "./find-signup-connection.ts";
import { DbConnectionsError } from "./legacy-error.ts";

const OPTIONAL_STRINGS = ["username", "given_name", "family_name", "name", "nickname", "picture"] as const;
const ALLOWED = new Set(["client_id", "connection", "email", "password", "user_metadata", ...OPTIONAL_STRINGS]);

function parseInput(body: Record<string, unknown>): SignupInput {
  const unknown = Object.keys(body).filter((k) => !ALLOWED.has(k));
  if (unknown.length) throw new DbConnectionsError(400, "invalid_body", `The following properties are not allowed: ${unknown.join(", ")}`);
  const { email, password } = body;
  if (typeof email !== "string" || email.trim() === "") throw new DbConnectionsError(400, "invalid_body", "Missing required property: email");
  if (typeof password !== "string" || password === "") throw new DbConnectionsError(400, "invalid_body", "Missing required property: password");
  if (email.length > 320) throw new DbConnectionsError(400, "invalid_body", "email is too long");
  const input: SignupInput = { email, password };
  for (const field of OPTIONAL_STRINGS) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string" || value.length > (field === "picture" ? 2048 : 300)) throw new DbConnectionsError(400, "invalid_body", `Invalid property: ${field}`);
    input[field] = value;
  }
  if (body.user_metadata !== undefined && body.user_metadata !== null) {
    const metadata = body.user_metadata;
    // §9.1: at most 10 properties, names up to 100 characters, values strings up to 500.
    if (typeof metadata !== "object" || Array.isArray(metadata)) throw new DbConnectionsError(400, "invalid_body", "user_metadata must be an object");
    const entries = Object.entries(metadata as Record<string, unknown>);
    if (entries.length > 10) throw new DbConnectionsError(400, "invalid_body", "user_metadata may have at most 10 properties");
    for (const [key, value] of entries) {
      if (key.length > 100) throw new DbConnectionsError(400, "invalid_body", "user_metadata property names may have at most 100 characters");
      if (typeof value !== "string" || value.length > 500) throw new DbConnectionsError(400, "invalid_body", "user_metadata values must be strings of at most 500 characters");
    }
    input.user_metadata = Object.fromEntries(entries) as Record<string, string>;
  }
  return input;
}

export async function dbConnectionsSignup(db: Db, body: Record<string, unknown>, context: { ip?: string }): Promise<Record<string, unknown>> {
  const target = await findDbConnectionTarget(db, body.client_id, body.connection);
  const input = parseInput(body);
  try {
    const { user, providerUserId } = await signUpDatabaseUser(db, target, input, context);
    const metadata = user.user_metadata as Record<string, unknown>;
    return {
      _id: providerUserId,
      email_verified: user.email_verified,
      email: user.email,
      ...(user.username ? { username: user.username } : {}),
      ...(user.given_name ? { given_name: user.given_name } : {}),
      ...(user.family_name ? { family_name: user.family_name } : {}),
      ...(input.name ? { name: user.name } : {}),
      ...(input.nickname ? { nickname: user.nickname } : {}),
      ...(input.picture ? { picture: user.picture } : {}),
      ...(Object.keys(metadata).length ? { user_metadata: metadata } : {}),
    };
  } catch (error) {
    if (error instanceof SignupError) throw new DbConnectionsError(error.statusCode, error.code, error.description);
    throw error;
  }
}
