// The hosted login form (/u/login): email-or-username and password against the connections the
// transaction's application may use, then completeLogin. Credential checks, their log events and
// their enumeration safety are authenticatePassword's (it throws PasswordLoginError).
import type { Db } from "../../db/client.ts";
import { authenticatePassword } from "../authentication/authenticate-password.ts";
import { completeLogin, type CompletedLogin } from "./complete-login.ts";
import { loadLoginContext } from "./login-context.ts";
import { LoginTransactionError } from "./login-errors.ts";

export type PasswordLoginRequest = {
  state: string;
  identifier: string;
  password: string;
  currentSessionCookie?: string;
  ip?: string;
  userAgent?: string;
};

export async function loginWithPassword(db: Db, input: PasswordLoginRequest): Promise<CompletedLogin> {
  const context = await loadLoginContext(db, input.state);
  if (!context) throw new LoginTransactionError();
  const { client, transaction } = context;
  const { user, connection } = await authenticatePassword(db, {
    connections: context.connections.map((c) => ({ id: c.id, name: c.name })),
    identifier: input.identifier,
    password: input.password,
    clientId: client.client_id,
    clientName: client.name,
    ip: input.ip,
  });
  return completeLogin(db, {
    transaction,
    user,
    connection,
    clientName: client.name,
    currentSessionCookie: input.currentSessionCookie,
    ip: input.ip,
    userAgent: input.userAgent,
  });
}
