// Verifies an identifier (email or username) and password against a database connection: the
// hosted login page and the password grants call it.
//
// Enumeration safety: an unknown identifier and a wrong password fail the same way, with the same
// message, and in the same time (a bcrypt comparison runs against a dummy hash when there is no
// user). Blocked users are told so only after the right password (Auth0: "user is blocked").
// Every attempt writes a log event: s / fu (unknown identifier) / fp (wrong password) / f.
import type { Db } from "../../db/client.ts";
import { foldCase } from "../users/user-search-columns.ts";
import { verifyBcrypt } from "../../passwords/hash-pool.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";

/** A bcrypt hash of a random string, cost 10: what an unknown identifier is compared against. */
const DUMMY_HASH = "$2b$10$RChDxivhLQ0SfyaHcbfwzuGUKgpR0gyCEmHjQK81bK4uzIfk.9/wa";

export type PasswordLoginFailure = "invalid_user_password" | "blocked";

export class PasswordLoginError extends Error {
  override name = "PasswordLoginError";
  constructor(readonly code: PasswordLoginFailure, message: string) {
    super(message);
  }
}

export const WRONG_CREDENTIALS = "Wrong email or password.";

export type PasswordLoginInput = {
  /** Database connections the application may use, in preference order. */
  connections: { id: string; name: string }[];
  identifier: string;
  password: string;
  clientId: string;
  clientName?: string;
};

export async function authenticatePassword(db: Db, input: PasswordLoginInput) {
  const identifier = foldCase(input.identifier.trim());
  const byEmail = identifier.includes("@");
  const user = identifier
    ? await db.user.findFirst({
        where: {
          connection_id: { in: input.connections.map((c) => c.id) },
          ...(byEmail ? { email: identifier } : { username: identifier }),
        },
        include: { password: { select: { hash: true } } },
      })
    : null;
  const hash = user?.password?.hash ?? DUMMY_HASH;
  const matches = (await verifyBcrypt(input.password, hash).catch(() => false)) && Boolean(user?.password);
  const connection = user ? input.connections.find((c) => c.id === user.connection_id) : undefined;
  const base = { client_id: input.clientId, client_name: input.clientName ?? null, connection: connection?.name ?? null, connection_id: connection?.id ?? null };

  if (!user || !matches) {
    await writeLogEvent(db, {
      ...base,
      type: user ? "fp" : "fu",
      description: WRONG_CREDENTIALS,
      user_id: user?.user_id ?? null,
      user_name: input.identifier.slice(0, 320),
    });
    throw new PasswordLoginError("invalid_user_password", WRONG_CREDENTIALS);
  }
  if (user.blocked) {
    await writeLogEvent(db, { ...base, type: "f", description: "user is blocked", user_id: user.user_id, user_name: user.email ?? user.username });
    throw new PasswordLoginError("blocked", "user is blocked");
  }
  const { password: _password, ...profile } = user;
  return { user: profile, connection: connection! };
}

/** Records a successful login on the user (logins_count, last_login, last_ip) and in the log. */
export async function recordLogin(db: Db, input: { userId: string; userName: string | null; ip?: string; clientId: string; clientName?: string; connection: { id: string; name: string } }): Promise<void> {
  await db.user.update({
    where: { user_id: input.userId },
    data: { logins_count: { increment: 1 }, last_login: new Date(), last_ip: input.ip ?? null },
  });
  await writeLogEvent(db, {
    type: "s",
    user_id: input.userId,
    user_name: input.userName,
    client_id: input.clientId,
    client_name: input.clientName ?? null,
    connection: input.connection.name,
    connection_id: input.connection.id,
    strategy: "auth0",
    strategy_type: "database",
  });
}
