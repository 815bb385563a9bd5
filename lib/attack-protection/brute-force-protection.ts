// Brute-force protection (auth0-authentication.md F.1, F.2 trigger A): `max_attempts` (10)
// consecutive failed logins for one identifier from one IP (mode count_per_identifier_and_ip; from
// anywhere in count_per_identifier) block that identifier there:
//   - a UserBlock row (identifier, ip, connection, user when the identifier exists), which
//     /api/v2/user-blocks lists and clears, and which expires after 30 days;
//   - a `limit_wc` log event;
//   - with the `user_notification` shield and an existing user with an email, the blocked-account
//     email with a single-use unblock link (./unblock-link.ts).
// Later logins for that identifier (from that IP) answer `too_many_attempts` before any password
// is checked. A success resets the count; unknown identifiers are counted too (no email), so the
// answer never tells whether an account exists. Allow-listed IPs and connections with
// `brute_force_protection: false` are exempt; without the `block` shield failures are counted and
// logged only (monitoring). A password reset clears the blocks (reset-password.ts), as does the link.
import type { Db } from "../db/client.ts";
import { newInternalId } from "../crypto/ids.ts";
import { cached } from "../cache/config-cache.ts";
import { directQuery } from "../db/direct-sql.ts";
import { runInBackground } from "../email/background.ts";
import { sendEmail } from "../email/send-email.ts";
import { tenantName } from "../email/tenant-name.ts";
import { blockedAccountEmail } from "../email/templates.ts";
import { writeLogEvent } from "../logs/write-log-event.ts";
import { rateLimitStore } from "../security/rate-limit.ts";
import { AttackProtectionError } from "./errors.ts";
import { ipAllowed } from "./ip-allowlist.ts";
import { getAttackProtectionSettings, type BruteForceSettings } from "./settings.ts";
import { UNBLOCK_LINK_TTL_SECONDS, unblockLink } from "./unblock-link.ts";

/** Auth0 releases brute-force blocks 30 days after they were set. */
export const BLOCK_LIFETIME_MS = 30 * 24 * 3_600_000;

export type BruteForceContext = {
  /** Case-folded, trimmed. */
  identifier: string;
  ip: string | undefined;
  /** The database connections the attempt could sign in to. */
  connectionIds: string[];
  /**
   * `mfa`: failed one-time codes (lib/services/mfa/verify-mfa-code.ts). They block the identifier
   * like failed passwords, but are counted apart: the right password resets the password count,
   * and must not reset the count of codes guessed after it.
   */
  counter?: "mfa";
};

export type FailedLoginUser = { user_id: string; email: string | null; name: string | null; nickname: string | null; connection_id: string };

type Protection = { settings: BruteForceSettings; enforced: boolean };

async function protectedConnectionIds(db: Db, ids: string[]): Promise<Set<string>> {
  const key = `connections:brute-force:${[...ids].sort().join(",")}`;
  const enabled = await cached(key, async () => {
    const rows = await db.connection.findMany({ where: { id: { in: ids } }, select: { id: true, options: true } });
    return rows.filter((r) => (r.options as { brute_force_protection?: unknown } | null)?.brute_force_protection !== false).map((r) => r.id);
  });
  return new Set(enabled);
}

/** Whether brute-force protection applies to this attempt at all (null when it does not). */
async function protection(db: Db, context: BruteForceContext, userConnectionId?: string): Promise<Protection | null> {
  const settings = (await getAttackProtectionSettings(db)).brute_force_protection;
  if (!settings.enabled || !context.identifier || ipAllowed(context.ip, settings.allowlist)) return null;
  const enabled = await protectedConnectionIds(db, userConnectionId ? [userConnectionId] : context.connectionIds);
  if (enabled.size === 0) return null;
  return { settings, enforced: settings.shields.includes("block") };
}

/** Counter keys: an IP never contains a space, so "ip identifier" cannot be ambiguous. */
function counterKey(settings: BruteForceSettings, context: BruteForceContext): string {
  const prefix = context.counter === "mfa" ? "bf-mfa" : "bf";
  return settings.mode === "count_per_identifier" ? `${prefix}:${context.identifier}` : `${prefix}@${context.ip ?? "-"} ${context.identifier}`;
}

/**
 * Whether an unexpired block holds the identifier from this IP (or from every IP) in one of the
 * connections (or in all). Every login asks: direct SQL, not Prisma (lib/db/direct-sql.ts).
 */
async function hasActiveBlock(db: Db, context: BruteForceContext, now: Date): Promise<boolean> {
  const ids = context.connectionIds;
  const rows = await directQuery(
    db,
    `SELECT "id" FROM "user_blocks" WHERE "identifier" = ?` +
      (context.ip ? ` AND ("ip" IS NULL OR "ip" = ?)` : ` AND "ip" IS NULL`) +
      (ids.length > 0 ? ` AND ("connection_id" IS NULL OR "connection_id" IN (${ids.map(() => "?").join(", ")}))` : ` AND "connection_id" IS NULL`) +
      ` AND ("expires_at" IS NULL OR "expires_at" > ?) LIMIT 1`,
    [context.identifier, ...(context.ip ? [context.ip] : []), ...ids, now],
  );
  return rows.length > 0;
}

/** Before checking a password: refuses an identifier blocked for this IP (or everywhere). */
export async function checkBruteForceBlock(db: Db, context: BruteForceContext): Promise<void> {
  const applied = await protection(db, context);
  if (!applied?.enforced) return;
  if (await hasActiveBlock(db, context, new Date())) throw new AttackProtectionError("too_many_attempts");
}

/** After a failed login: counts it, and blocks at the threshold. */
export async function recordFailedLogin(db: Db, context: BruteForceContext, user: FailedLoginUser | null): Promise<void> {
  const applied = await protection(db, context, user?.connection_id);
  if (!applied) return;
  const { settings, enforced } = applied;
  const store = rateLimitStore(db);
  const key = counterKey(settings, context);
  const { count } = await store.increment(key, BLOCK_LIFETIME_MS, { sliding: true });
  // The increment is atomic: exactly one request sees the threshold, so one block is made.
  if (count !== settings.max_attempts) return;
  await store.reset(key);

  const ip = settings.mode === "count_per_identifier" ? null : (context.ip ?? null);
  const connectionId = user?.connection_id ?? (context.connectionIds.length === 1 ? context.connectionIds[0]! : null);
  let blockId: string | null = null;
  if (enforced) {
    blockId = newInternalId();
    await db.userBlock.create({
      data: { id: blockId, identifier: context.identifier, ip, connection_id: connectionId, user_id: user?.user_id ?? null, expires_at: new Date(Date.now() + BLOCK_LIFETIME_MS) },
    });
  }
  await writeLogEvent(db, {
    type: "limit_wc",
    description: `${settings.max_attempts} consecutive failed logins for this account${ip ? ` from ${ip}` : ""}${enforced ? ": blocked" : " (monitoring only)"}`,
    user_id: user?.user_id ?? null,
    user_name: context.identifier,
    connection_id: connectionId,
    details: { identifier: context.identifier, ip, mode: settings.mode, blocked: enforced },
  });
  if (blockId && user?.email && settings.shields.includes("user_notification")) {
    // In the background: the answer to this attempt must not take longer because an account exists.
    const [email, id] = [user.email, blockId];
    void runInBackground("blocked-account email", async () => {
      const content = blockedAccountEmail({
        tenant: await tenantName(db),
        name: user.name ?? user.nickname,
        identifier: context.identifier,
        ip,
        url: unblockLink(id),
        ttlSeconds: UNBLOCK_LINK_TTL_SECONDS,
      });
      await sendEmail(db, { kind: "blocked_account", to: email, userId: user.user_id, content });
    });
  }
}

/** After a successful login: the failures are no longer consecutive. */
export async function recordSuccessfulLogin(db: Db, context: BruteForceContext, userConnectionId: string): Promise<void> {
  const applied = await protection(db, context, userConnectionId);
  if (!applied) return;
  const store = rateLimitStore(db);
  const key = counterKey(applied.settings, context);
  // A read first: most logins have nothing to reset, and a read is cheaper than a write.
  if ((await store.count(key)) > 0) await store.reset(key);
}

/**
 * Forgets the consecutive failures behind released blocks, in both counting modes, so a release
 * (the unblock link, DELETE /api/v2/user-blocks) starts the identifier from zero.
 */
export async function resetBruteForceCounters(db: Db, blocks: { identifier: string; ip: string | null }[]): Promise<void> {
  const store = rateLimitStore(db);
  const keys = new Set(blocks.flatMap((b) => ["bf", "bf-mfa"].flatMap((prefix) => [`${prefix}:${b.identifier}`, `${prefix}@${b.ip ?? "-"} ${b.identifier}`])));
  await Promise.all([...keys].map((key) => store.reset(key)));
}

/**
 * The unblock link: deletes the block it names (and any other block of the same identifier from
 * the same IP), resets the count, logs `ublkdu`. False when there was nothing to release.
 */
export async function releaseBlock(db: Db, blockId: string): Promise<{ released: boolean; identifier?: string }> {
  const block = await db.userBlock.findUnique({ where: { id: blockId } });
  if (!block) return { released: false };
  const { count } = await db.userBlock.deleteMany({ where: { identifier: block.identifier, ip: block.ip } });
  if (count === 0) return { released: false };
  await resetBruteForceCounters(db, [block]);
  await writeLogEvent(db, {
    type: "ublkdu",
    description: "User login block released by the unblock link",
    user_id: block.user_id,
    user_name: block.identifier,
    connection_id: block.connection_id,
    details: { identifier: block.identifier, ip: block.ip, released: count },
  });
  return { released: true, identifier: block.identifier };
}
