// Verifies an identifier (email or username) and password against a database connection: the
// hosted login page and the password grants call it.
//
// Enumeration safety: an unknown identifier and a wrong password fail the same way, with the same
// message, and in the same time (a bcrypt comparison runs against a dummy hash when there is no
// user; brute-force protection counts unknown identifiers like known ones). Blocked users are told
// so only after the right password (Auth0: "user is blocked").
// Every attempt writes a log event: s / fu (unknown identifier) / fp (wrong password) / f.
// An identifier may name a database identity linked into another user: its own password signs in
// as that (primary) user, whose id the events carry (lib/services/users/linked-identity-credentials.ts).
//
// Attack protection (lib/attack-protection), before the password is checked, in this order:
//   1. rate limits per IP and per identifier + IP           → too_many_requests (Retry-After)
//   2. suspicious IP throttling: too many failures from the IP → ip_throttled (Retry-After)
//   3. a brute-force block of the identifier (from the IP)   → too_many_attempts
// After a failure: the identifier's consecutive-failure count (blocking at max_attempts) and the
// IP's failure budget are spent. After a success: the count is reset.
// The IP is the caller's (`ip`), else the request's (lib/http/request-context.ts).
import type { Db } from "../../db/client.ts";
import { directExecute } from "../../db/direct-sql.ts";
import { AttackProtectionError, type AttackProtectionCode } from "../../attack-protection/errors.ts";
import { checkBruteForceBlock, recordFailedLogin, recordSuccessfulLogin, type BruteForceContext } from "../../attack-protection/brute-force-protection.ts";
import { enforceRateLimits } from "../../attack-protection/rate-limits.ts";
import { checkIpThrottle, recordFailedLoginForIp } from "../../attack-protection/suspicious-ip-throttling.ts";
import { screenLoginPassword } from "../../attack-protection/breached-password-detection.ts";
import { currentRequestContext } from "../../http/request-context.ts";
import { foldCase } from "../users/user-search-columns.ts";
import { hashPassword } from "../../passwords/hash-pool.ts";
import { verifyPasswordHash } from "../../passwords/verify-password.ts";
import { findPasswordAccount, upgradeAccountHash } from "../users/linked-identity-credentials.ts";
import { logger } from "../../logs/logger.ts";
import { randomToken } from "../../crypto/random.ts";
import { env } from "../../env.ts";
import { processGlobal } from "../../process-global.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";

/**
 * What an unknown identifier is compared against: a hash at the configured cost, made once per
 * process, so the comparison takes as long as a real user's (a fixed cost-10 hash would give the
 * game away whenever GATEHOUSE_BCRYPT_COST is not 10).
 */
const dummyHash = processGlobal("dummy-password-hash", () => ({ hash: undefined as Promise<string> | undefined }));
function dummyPasswordHash(): Promise<string> {
  dummyHash.hash ??= hashPassword(randomToken(24), env().bcryptCost);
  return dummyHash.hash;
}

export type PasswordLoginFailure = "invalid_user_password" | "blocked" | "password_leaked" | AttackProtectionCode;

export class PasswordLoginError extends Error {
  override name = "PasswordLoginError";
  constructor(
    readonly code: PasswordLoginFailure,
    message: string,
    /** For too_many_requests / ip_throttled: when to try again (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
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
  /** The end user's IP; defaults to the request's. */
  ip?: string;
};

export async function authenticatePassword(db: Db, input: PasswordLoginInput) {
  // NUL cannot be stored or compared in PostgreSQL text; no stored identifier contains it.
  const identifier = foldCase(input.identifier.trim()).replace(/\u0000/g, "\uFFFD");
  const ip = input.ip ?? currentRequestContext()?.ip;
  const protection: BruteForceContext = { identifier, ip, connectionIds: input.connections.map((c) => c.id) };
  const logBase = { client_id: input.clientId, client_name: input.clientName ?? null };

  try {
    await enforceRateLimits(db, "login", { ip, identifier: identifier || undefined });
    await checkIpThrottle(db, ip);
    await checkBruteForceBlock(db, protection);
  } catch (error) {
    if (!(error instanceof AttackProtectionError)) throw error;
    await writeLogEvent(db, { ...logBase, type: "f", description: error.message, user_name: input.identifier.slice(0, 320), details: { reason: error.code } });
    throw new PasswordLoginError(error.code, error.message, error.retryAfterSeconds);
  }

  // A user, or a database identity linked into one (whose credentials sign in as that user).
  const account = identifier ? await findPasswordAccount(db, input.connections.map((c) => c.id), identifier) : null;
  const user = account?.user ?? null;
  const hash = account?.hash ?? (await dummyPasswordHash());
  // Any stored format (bcrypt or an imported hash), hashed in the worker pool.
  const verification = await verifyPasswordHash(input.password, hash).catch(() => ({ matches: false, needsRehash: false }));
  const matches = verification.matches && Boolean(account?.hash);
  const connection = account ? input.connections.find((c) => c.id === account.connectionId) : undefined;
  const base = { ...logBase, connection: connection?.name ?? null, connection_id: connection?.id ?? null };

  if (!user || !matches) {
    await writeLogEvent(db, {
      ...base,
      type: user ? "fp" : "fu",
      description: WRONG_CREDENTIALS,
      user_id: user?.user_id ?? null,
      user_name: input.identifier.slice(0, 320),
    });
    await Promise.all([
      recordFailedLogin(db, protection, account ? { user_id: account.user.user_id, email: account.email, name: account.user.name, nickname: account.user.nickname, connection_id: account.connectionId } : null),
      recordFailedLoginForIp(db, ip),
    ]);
    throw new PasswordLoginError("invalid_user_password", WRONG_CREDENTIALS);
  }
  // First success with an imported hash (or an older bcrypt cost): store bcrypt at the configured cost.
  if (verification.needsRehash) {
    await upgradeAccountHash(db, account!, hash, input.password).catch((error) => logger().warn({ err: error, user_id: user.user_id }, "password rehash failed"));
  }
  await recordSuccessfulLogin(db, protection, account!.connectionId);
  if (user.blocked) {
    await writeLogEvent(db, { ...base, type: "f", description: "user is blocked", user_id: user.user_id, user_name: user.email ?? user.username });
    throw new PasswordLoginError("blocked", "user is blocked");
  }
  // Breached password detection, on the verified password (lib/attack-protection/breached-password-detection.ts).
  const leaked = await screenLoginPassword(db, { user, password: input.password, ip, clientId: input.clientId, log: base });
  if (leaked) throw new PasswordLoginError("password_leaked", leaked.refused);
  return { user, connection: connection! };
}

/** Records a successful login on the user (logins_count, last_login, last_ip) and in the log. */
export async function recordLogin(db: Db, input: { userId: string; userName: string | null; ip?: string; clientId: string; clientName?: string; connection: { id: string; name: string } }): Promise<void> {
  // Direct SQL (lib/db/direct-sql.ts): every login writes it.
  const now = new Date();
  const updated = await directExecute(
    db,
    `UPDATE "users" SET "logins_count" = "logins_count" + 1, "last_login" = ?, "last_ip" = ?, "updated_at" = ? WHERE "user_id" = ?`,
    [now, input.ip ?? null, now, input.userId],
  );
  if (updated === 0) throw new Error(`user ${input.userId} was deleted during the login`);
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
