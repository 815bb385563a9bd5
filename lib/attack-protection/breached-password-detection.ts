// Breached password detection (auth0-authentication.md F.1, F.3; auth0-management-api.md §7.4),
// configured by the tenant's `breached_password_detection` settings (./settings.ts). A password is
// breached when it is in the corpus shipped with Gatehouse (./breached-passwords/corpus.ts: about
// a million passwords from public breach lists, built at install) or, when
// GATEHOUSE_BREACHED_PASSWORD_RANGE_URL is set, known to a k-anonymity range service
// (./breached-passwords/range-check.ts). Gatehouse has no username+password pair corpus: the match
// is on the password alone, which is stricter than Auth0's pairs.
//
// Three stages, each a function here:
//   - signup (`stage["pre-user-registration"].shields`: block, admin_notification): logged
//     `signup_pwd_leak`; `block` refuses the signup (`password_leaked`).
//   - password change (`stage["pre-change-password"].shields`: block, admin_notification): reset
//     link and Management API PATCH; logged `reset_pwd_leak`; `block` refuses the new password.
//   - login (`shields`: block, user_notification, admin_notification), after the password was
//     verified: the user is flagged (BreachedPassword) and `pwd_leak` is logged (at most once an
//     hour per IP); `block` refuses this and every later password login (`password_leaked`) until
//     the password changes; `block` or `user_notification` emails the user a "Password Breach
//     Alert" with a reset link (at most one an hour); a flagged user whose block is on is refused
//     before the corpus is consulted again. Blocking is never throttled.
// `admin_notification` emails the operators (users of the operators' connection with an email)
// at most once an hour per IP and stage, when admin_notification_frequency includes `immediately`
// (or is empty); with daily, weekly or monthly they get one digest per period instead (or as
// well), built from the log events (./breached-password-digest.ts, sent by the job runner).
// Enabled with no shields = monitoring: events only. Disabled (the default): nothing is checked.
import type { Db } from "../db/client.ts";
import { runInBackground } from "../email/background.ts";
import { sendEmail } from "../email/send-email.ts";
import { tenantName } from "../email/tenant-name.ts";
import { passwordBreachAdminEmail } from "../email/templates.ts";
import { currentRequestContext } from "../http/request-context.ts";
import { writeLogEvent, type LogEventInput } from "../logs/write-log-event.ts";
import { rateLimitStore } from "../security/rate-limit.ts";
import { invalid } from "../services/errors.ts";
import { sendBreachedPasswordReset } from "../services/users/breached-password.ts";
import { inLocalCorpus } from "./breached-passwords/corpus.ts";
import { inRemoteRange } from "./breached-passwords/range-check.ts";
import { findOperatorRecipients } from "./operator-recipients.ts";
import { getAttackProtectionSettings, type BreachedPasswordSettings } from "./settings.ts";

/** Auth0's words for a refused login (auth0-management-api.md §7.4). */
export const PASSWORD_LEAKED_LOGIN =
  "This login attempt has been blocked because the password you're using was previously disclosed through a data breach (not in this application). Please check your email for more information.";
/** A refused signup or new password. */
export const PASSWORD_LEAKED_NEW =
  "This password was previously disclosed through a data breach (not in this application). Choose a different password.";

const HOUR_MS = 3_600_000;

export type BreachSource = "local" | "remote";

/** Where the password was found, or null. The local corpus first: it answers in microseconds. */
export async function findBreachedPassword(password: string): Promise<BreachSource | null> {
  if (await inLocalCorpus(password)) return "local";
  return (await inRemoteRange(password)) ? "remote" : null;
}

/** A new password refused by the `block` shield of its stage. */
export class BreachedPasswordError extends Error {
  override name = "BreachedPasswordError";
  readonly code = "password_leaked";
  constructor(message = PASSWORD_LEAKED_NEW) {
    super(message);
  }
}

type LogBase = Omit<LogEventInput, "type">;

async function enabledSettings(db: Db): Promise<BreachedPasswordSettings | null> {
  const settings = (await getAttackProtectionSettings(db)).breached_password_detection;
  return settings.enabled ? settings : null;
}

/** True the first time in an hour for this key (emails and events that must not flood). */
async function firstInHour(db: Db, key: string): Promise<boolean> {
  const { count } = await rateLimitStore(db).increment(key, HOUR_MS);
  return count === 1;
}

function notifyAdmins(db: Db, settings: BreachedPasswordSettings, input: { stage: string; user: string; ip: string | undefined; blocked: boolean }): void {
  const frequency = settings.admin_notification_frequency;
  if (frequency.length > 0 && !frequency.includes("immediately")) return;
  void runInBackground("breached password admin notification", async () => {
    if (!(await firstInHour(db, `bpd-admin:${input.stage}:${input.ip ?? "-"}`))) return;
    const operators = await findOperatorRecipients(db);
    const content = passwordBreachAdminEmail({ tenant: await tenantName(db), stage: input.stage, user: input.user, ip: input.ip ?? null, blocked: input.blocked });
    for (const operator of operators) await sendEmail(db, { kind: "password_breach_admin", to: operator.email, userId: operator.user_id, content });
  });
}

/**
 * A new password at signup or change: logs, notifies, and throws BreachedPasswordError when the
 * stage's `block` shield is on. Nothing happens when detection is off or the password is unknown.
 */
export async function screenNewPassword(
  db: Db,
  input: { stage: "pre-user-registration" | "pre-change-password"; password: string; ip?: string; log: LogBase },
): Promise<void> {
  const settings = await enabledSettings(db);
  if (!settings) return;
  const source = await findBreachedPassword(input.password);
  if (!source) return;
  const shields = settings.stage[input.stage].shields;
  const blocked = shields.includes("block");
  const ip = input.ip ?? currentRequestContext()?.ip;
  await writeLogEvent(db, {
    ...input.log,
    type: input.stage === "pre-user-registration" ? "signup_pwd_leak" : "reset_pwd_leak",
    description: `Breached password detected${blocked ? ": refused" : " (allowed)"}`,
    details: { stage: input.stage, source, blocked },
  });
  if (shields.includes("admin_notification"))
    notifyAdmins(db, settings, { stage: input.stage === "pre-user-registration" ? "signup" : "password change", user: input.log.user_name ?? input.log.user_id ?? "an unknown user", ip, blocked });
  if (blocked) throw new BreachedPasswordError();
}

/** A password change (reset link, Management API PATCH): refused as a 400 `password_leaked` with `block`. */
export async function screenChangedPassword(db: Db, password: string, log: LogBase): Promise<void> {
  try {
    await screenNewPassword(db, { stage: "pre-change-password", password, log });
  } catch (error) {
    if (error instanceof BreachedPasswordError) throw invalid(error.message, "password_leaked");
    throw error;
  }
}

export type LoginScreenUser = { user_id: string; email: string | null; username: string | null };

/**
 * After a verified password login: null to let the login through, or the message to refuse it
 * with (authenticate-password.ts throws PasswordLoginError `password_leaked`).
 */
export async function screenLoginPassword(
  db: Db,
  input: { user: LoginScreenUser; password: string; ip?: string; clientId?: string | null; log: LogBase },
): Promise<{ refused: string } | null> {
  const settings = await enabledSettings(db);
  if (!settings) return null;
  const block = settings.shields.includes("block");
  const { user } = input;
  const flag = await db.breachedPassword.findUnique({ where: { user_id: user.user_id } });
  // A flagged, blocked user stays refused until the password changes (which deletes the flag).
  const source = flag?.blocked && block ? flag.source : await findBreachedPassword(input.password);
  if (!source) return null;

  // Written when it changes only: a flagged user's every login must not cost a write.
  if (!flag || flag.blocked !== block || flag.source !== source)
    await db.breachedPassword.upsert({
      where: { user_id: user.user_id },
      create: { user_id: user.user_id, blocked: block, source, detected_at: new Date() },
      update: { blocked: block, source },
    });
  if (await firstInHour(db, `bpd-log:${input.ip ?? "-"}`))
    await writeLogEvent(db, {
      ...input.log,
      type: "pwd_leak",
      description: `Breached password used to log in${block ? ": blocked until the password is changed" : ""}`,
      user_id: user.user_id,
      user_name: user.email ?? user.username,
      details: { source, blocked: block, shields: settings.shields },
    });
  if ((block || settings.shields.includes("user_notification")) && user.email) {
    const userId = user.user_id;
    void runInBackground("password breach alert", () => sendBreachedPasswordReset(db, userId, { onlyIfDue: true, clientId: input.clientId }));
  }
  if (settings.shields.includes("admin_notification")) notifyAdmins(db, settings, { stage: "login", user: user.email ?? user.username ?? user.user_id, ip: input.ip, blocked: block });
  if (!block) return null;
  await writeLogEvent(db, { ...input.log, type: "f", description: "password_leaked", user_id: user.user_id, user_name: user.email ?? user.username, details: { reason: "password_leaked" } });
  return { refused: PASSWORD_LEAKED_LOGIN };
}
