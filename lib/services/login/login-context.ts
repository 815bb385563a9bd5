// What the hosted login and signup pages need to render a login transaction (STYLE.md point 8):
// the transaction, its application, and the database connections the application may use
// (auth0-authentication.md §D.5: only connections enabled for the client; only the requested one
// when /authorize named a `connection`). The forms' server actions load the same context again:
// nothing the page rendered is trusted when the form comes back.
import type { Db } from "../../db/client.ts";
import { findLoginTransaction, type LoginTransaction } from "../../oidc/authorize/login-transactions.ts";
import type { PasswordPolicyOptions } from "../../passwords/password-policy.ts";
import { pickPasswordPolicy } from "../../schemas/setup.ts";
import { connectionRules, type ConnectionForUsers } from "../users/create-database-user.ts";
import { usernameLength } from "../users/normalize-username.ts";

export type LoginConnection = {
  id: string;
  name: string;
  /** `requires_username`: signup asks for a username, and login accepts it instead of the email. */
  requiresUsername: boolean;
  disableSignup: boolean;
  usernameLength: { min: number; max: number };
  /** Only the policy fields: what the signup page may hand to the browser. */
  passwordPolicy: PasswordPolicyOptions;
  /** The row as the users service takes it (options included: server-side only). */
  row: ConnectionForUsers;
};

export type LoginClient = { client_id: string; name: string; logo_uri: string | null; is_first_party: boolean };

export type LoginContext = {
  transaction: LoginTransaction;
  client: LoginClient;
  /** In preference order (oldest first, as /authorize's check-connection orders them). */
  connections: LoginConnection[];
  /** Where signup creates users: the requested connection, else the first that allows signup; null when none does. */
  signupConnection: LoginConnection | null;
};

function toLoginConnection(row: ConnectionForUsers): LoginConnection {
  const rules = connectionRules(row);
  return {
    id: row.id,
    name: row.name,
    requiresUsername: rules.requires_username === true,
    disableSignup: (rules as { disable_signup?: unknown }).disable_signup === true,
    usernameLength: usernameLength(rules),
    passwordPolicy: pickPasswordPolicy(rules),
    row,
  };
}

/** The transaction `state` names with its application and connections; null when unknown, expired or completed. */
export async function loadLoginContext(db: Db, state: string | null | undefined): Promise<LoginContext | null> {
  const transaction = await findLoginTransaction(db, state);
  if (!transaction) return null;
  const client = await db.client.findUnique({
    where: { client_id: transaction.client_id },
    select: { client_id: true, name: true, logo_uri: true, is_first_party: true },
  });
  if (!client) return null;
  const rows = await db.connection.findMany({
    where: {
      strategy: "auth0",
      clients: { some: { client_id: client.client_id } },
      ...(transaction.request.connection ? { name: transaction.request.connection } : {}),
    },
    select: { id: true, name: true, strategy: true, options: true },
    orderBy: { created_at: "asc" },
  });
  const connections = rows.map(toLoginConnection);
  return { transaction, client, connections, signupConnection: connections.find((c) => !c.disableSignup) ?? null };
}
