// Breached password detection's admin digests (auth0-management-api.md §7.4): when the tenant's
// `admin_notification_frequency` includes daily, weekly or monthly, the operators
// (./operator-recipients.ts) get one email per period summarizing the detections of that period
// instead of (or besides, with `immediately`) one email per detection. A digest covers the stages
// whose `admin_notification` shield is on (login: `shields`; signup and password change: their
// `stage[...].shields`), read from the log events (pwd_leak, signup_pwd_leak, reset_pwd_leak):
// detections per stage, how many were blocked, how many users and IP addresses, and the most
// recent ones. A period with no detection sends nothing. Periods are UTC days, ISO weeks and
// calendar months (./digest-period.ts); the digest of a period goes out once it has ended.
//
// Exactly once, across instances: the job runner of every instance calls
// sendBreachedPasswordDigests when idle (lib/jobs/job-runner.ts); before sending, it inserts the
// period's notification_digests row, whose key is (kind, frequency, period_start), and only the
// instance whose insert succeeds sends. The row is written before the emails (an instance that dies
// in between loses that digest rather than risk sending it twice); sent_at records the sending.
import type { Db } from "../db/client.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { join, raw, sql } from "../db/sql.ts";
import { sendEmail } from "../email/send-email.ts";
import { tenantName } from "../email/tenant-name.ts";
import { passwordBreachDigestEmail, type BreachDigestContent } from "../email/templates.ts";
import { env } from "../env.ts";
import { DIGEST_FREQUENCIES, describePeriod, lastCompletedPeriod, type DigestFrequency, type DigestPeriod } from "./digest-period.ts";
import { findOperatorRecipients } from "./operator-recipients.ts";
import { getAttackProtectionSettings, type BreachedPasswordSettings } from "./settings.ts";

const KIND = "breached_password";
/** Detections listed one by one in the email. */
const RECENT = 10;

/** The log event type of each stage, and the name an email gives it. */
const STAGES = [
  { type: "pwd_leak", stage: "login" },
  { type: "signup_pwd_leak", stage: "signup" },
  { type: "reset_pwd_leak", stage: "password change" },
] as const;

type Stage = (typeof STAGES)[number];

export type DigestSummary = Omit<BreachDigestContent, "tenant" | "frequency" | "period">;

export type DigestOutcome = { frequency: DigestFrequency; start: Date; end: Date; detections: number; recipients: number };

/** The stages whose admin_notification shield is on. */
function notifiedStages(settings: BreachedPasswordSettings): Stage[] {
  const on = {
    pwd_leak: settings.shields.includes("admin_notification"),
    signup_pwd_leak: settings.stage["pre-user-registration"].shields.includes("admin_notification"),
    reset_pwd_leak: settings.stage["pre-change-password"].shields.includes("admin_notification"),
  };
  return STAGES.filter((s) => on[s.type]);
}

/** `details.blocked` of a detection event, as 1/0 (SQLite) or a boolean (PostgreSQL). */
function blockedExpression() {
  return env().databaseKind === "postgres" ? raw(`COALESCE(("details"->>'blocked') = 'true', false)`) : raw(`COALESCE(json_extract("details", '$.blocked'), 0)`);
}

const truthy = (value: unknown) => value === true || value === 1 || value === 1n || value === "1";

/** The detections of the stages' event types in [start, end): grouped counts, distinct users and IPs, the most recent. */
export async function summarizeBreachedPasswordDetections(db: Db, period: { start: Date; end: Date }, stages: readonly Stage[] = STAGES): Promise<DigestSummary> {
  const types = stages.map((s) => s.type);
  const blocked = blockedExpression();
  const inPeriod = sql`"type" IN (${join(types)}) AND "date" >= ${period.start} AND "date" < ${period.end}`;
  const groups = await db.$queryRaw<{ type: string; blocked: unknown; n: bigint | number }[]>(
    sql`SELECT "type", ${blocked} AS "blocked", COUNT(*) AS "n" FROM "log_events" WHERE ${inPeriod} GROUP BY "type", ${blocked}`,
  );
  const [distinct] = await db.$queryRaw<{ users: bigint | number; ips: bigint | number }[]>(
    sql`SELECT COUNT(DISTINCT COALESCE("user_id", "user_name")) AS "users", COUNT(DISTINCT "ip") AS "ips" FROM "log_events" WHERE ${inPeriod}`,
  );
  const recent = await db.logEvent.findMany({
    where: { type: { in: types }, date: { gte: period.start, lt: period.end } },
    orderBy: [{ date: "desc" }, { log_id: "desc" }],
    take: RECENT,
    select: { date: true, type: true, user_name: true, user_id: true, ip: true, details: true },
  });
  const stageOf = (type: string) => STAGES.find((s) => s.type === type)!.stage;
  const perStage = stages.map((s) => {
    const rows = groups.filter((g) => g.type === s.type);
    return {
      stage: s.stage,
      detections: rows.reduce((sum, g) => sum + Number(g.n), 0),
      blocked: rows.filter((g) => truthy(g.blocked)).reduce((sum, g) => sum + Number(g.n), 0),
    };
  });
  return {
    total: perStage.reduce((sum, s) => sum + s.detections, 0),
    stages: perStage,
    users: Number(distinct?.users ?? 0),
    ips: Number(distinct?.ips ?? 0),
    recent: recent.map((e) => ({
      date: e.date,
      stage: stageOf(e.type),
      user: e.user_name ?? e.user_id,
      ip: e.ip,
      blocked: truthy((e.details as { blocked?: unknown } | null)?.blocked),
    })),
  };
}

/** Inserts the period's row; false when it exists (another instance, or an earlier check, has it). */
async function claimPeriod(db: Db, period: DigestPeriod): Promise<boolean> {
  const key = { kind: KIND, frequency: period.frequency, period_start: period.start };
  if (await db.notificationDigest.findUnique({ where: { kind_frequency_period_start: key }, select: { kind: true } })) return false;
  try {
    await db.notificationDigest.create({ data: { ...key, period_end: period.end } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Sends the digests that are due at `now` (an injectable clock) and not sent yet: one per
 * configured frequency, for its last completed period. Returns what this call sent.
 */
export async function sendBreachedPasswordDigests(db: Db, options: { now?: Date } = {}): Promise<DigestOutcome[]> {
  const now = options.now ?? new Date();
  const settings = (await getAttackProtectionSettings(db)).breached_password_detection;
  if (!settings.enabled) return [];
  const stages = notifiedStages(settings);
  if (stages.length === 0) return [];
  const outcomes: DigestOutcome[] = [];
  for (const frequency of DIGEST_FREQUENCIES) {
    if (!settings.admin_notification_frequency.includes(frequency)) continue;
    const period = lastCompletedPeriod(frequency, now);
    if (!(await claimPeriod(db, period))) continue;
    const summary = await summarizeBreachedPasswordDetections(db, period, stages);
    const key = { kind_frequency_period_start: { kind: KIND, frequency, period_start: period.start } };
    if (summary.total === 0) {
      await db.notificationDigest.update({ where: key, data: { detections: 0, recipients: 0 } });
      continue;
    }
    const operators = await findOperatorRecipients(db);
    const content = passwordBreachDigestEmail({ tenant: await tenantName(db), frequency, period: describePeriod(period), ...summary });
    for (const operator of operators) await sendEmail(db, { kind: "password_breach_digest", to: operator.email, userId: operator.user_id, content });
    await db.notificationDigest.update({ where: key, data: { detections: summary.total, recipients: operators.length, sent_at: new Date() } });
    outcomes.push({ frequency, start: period.start, end: period.end, detections: summary.total, recipients: operators.length });
  }
  return outcomes;
}
