// What operators (Management API, dashboard) do with a user's second factors:
//   - list them as Auth0 presents them: authentication methods (`totp`, `recovery-code`;
//     GET /users/{id}/authentication-methods) and Guardian enrollments (GET /users/{id}/enrollments,
//     GET /guardian/enrollments/{id}: the OTP authenticators);
//   - delete one, or all ("reset MFA": DELETE /users/{id}/authenticators, /authentication-methods,
//     /multifactor/google-authenticator); the user enrolls again at the next login that asks for
//     MFA. Deleting the last OTP authenticator deletes the recovery code with it (alone it would
//     be a second password). Logged `gd_unenroll`; users.multifactor follows;
//   - regenerate the recovery code (POST /users/{id}/recovery-code-regeneration), returned once.
import type { Db, DbOrTx } from "../../db/client.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import type { Actor } from "../actor.ts";
import { invalid, notFound } from "../errors.ts";
import { userNotFound } from "../users/get-user.ts";
import { hasConfirmedOtp, listAuthenticators, replaceRecoveryCode, syncUserMultifactor, type AuthenticatorRow } from "./authenticators.ts";

/** Auth0's authentication method (UserAuthenticationMethod) for an authenticator row. */
export type AuthenticationMethod = {
  id: string;
  type: "totp" | "recovery-code";
  confirmed: boolean;
  authentication_methods?: { type: "totp"; id: string }[];
  created_at: string;
  enrolled_at?: string;
  last_auth_at?: string;
};

export function presentAuthenticationMethod(row: AuthenticatorRow): AuthenticationMethod {
  const type = row.type === "otp" ? "totp" : "recovery-code";
  return {
    id: row.id,
    type,
    confirmed: row.confirmed,
    ...(type === "totp" ? { authentication_methods: [{ type: "totp" as const, id: row.id }] } : {}),
    created_at: row.created_at.toISOString(),
    ...(row.confirmed_at ? { enrolled_at: row.confirmed_at.toISOString() } : {}),
    ...(row.last_used_at ? { last_auth_at: row.last_used_at.toISOString() } : {}),
  };
}

/** Auth0's Guardian enrollment (UsersEnrollment / GetGuardianEnrollmentResponseContent) for an OTP authenticator. */
export type GuardianEnrollment = { id: string; status: "pending" | "confirmed"; type: "authenticator"; auth_method: "authenticator"; enrolled_at?: string; last_auth?: string };

export function presentEnrollment(row: AuthenticatorRow): GuardianEnrollment {
  return {
    id: row.id,
    status: row.confirmed ? "confirmed" : "pending",
    type: "authenticator",
    auth_method: "authenticator",
    ...(row.confirmed_at ? { enrolled_at: row.confirmed_at.toISOString() } : {}),
    ...(row.last_used_at ? { last_auth: row.last_used_at.toISOString() } : {}),
  };
}

async function assertUser(db: DbOrTx, userId: string): Promise<void> {
  if (!(await db.user.findUnique({ where: { user_id: userId }, select: { user_id: true } }))) throw userNotFound();
}

/** A user's authentication methods, pending enrollments included (confirmed: false), oldest first. */
export async function listUserAuthenticationMethods(db: Db, userId: string, window: { skip: number; take: number }): Promise<{ methods: AuthenticationMethod[]; total: number }> {
  await assertUser(db, userId);
  const rows = await listAuthenticators(db, userId);
  return { methods: rows.slice(window.skip, window.skip + window.take).map(presentAuthenticationMethod), total: rows.length };
}

export async function getUserAuthenticationMethod(db: Db, userId: string, id: string): Promise<AuthenticationMethod> {
  await assertUser(db, userId);
  const row = (await listAuthenticators(db, userId)).find((r) => r.id === id);
  if (!row) throw notFound("Authentication method not found.", "inexistent_authentication_method");
  return presentAuthenticationMethod(row);
}

/** GET /users/{id}/enrollments: the OTP authenticators as Guardian enrollments. */
export async function listUserEnrollments(db: Db, userId: string): Promise<GuardianEnrollment[]> {
  await assertUser(db, userId);
  return (await listAuthenticators(db, userId)).filter((r) => r.type === "otp").map(presentEnrollment);
}

/** GET /guardian/enrollments/{id}. */
export async function getGuardianEnrollment(db: Db, id: string): Promise<GuardianEnrollment> {
  const row = await db.authenticator.findFirst({
    where: { id, type: "otp" },
    select: { id: true, user_id: true, type: true, confirmed: true, created_at: true, confirmed_at: true, last_used_at: true },
  });
  if (!row) throw notFound("Enrollment not found.", "inexistent_enrollment");
  return presentEnrollment(row);
}

async function logUnenroll(db: Db, userId: string, actor: Actor, removed: string[]): Promise<void> {
  if (removed.length === 0) return;
  await writeLogEvent(db, {
    type: "gd_unenroll",
    description: removed.length > 1 ? "Multifactor authentication reset" : "Authenticator removed",
    user_id: userId,
    ...(actor.kind === "client" ? { client_id: actor.clientId } : {}),
    details: { authenticators: removed, by: actor.kind === "operator" ? { user_id: actor.userId, email: actor.email } : actor.kind === "client" ? { client_id: actor.clientId } : { reason: actor.reason } },
  });
}

/** Reset MFA: every authenticator of the user goes. */
export async function deleteAllUserAuthenticators(db: Db, userId: string, actor: Actor): Promise<void> {
  await assertUser(db, userId);
  const removed = await db.$transaction(async (tx) => {
    const rows = await tx.authenticator.findMany({ where: { user_id: userId }, select: { id: true } });
    await tx.authenticator.deleteMany({ where: { user_id: userId } });
    await syncUserMultifactor(tx, userId);
    return rows.map((r) => r.id);
  });
  await logUnenroll(db, userId, actor, removed);
}

/** One authenticator; with the last OTP authenticator the recovery code goes too. */
export async function deleteUserAuthenticator(db: Db, userId: string, id: string, actor: Actor, options: { otpOnly?: boolean } = {}): Promise<void> {
  await assertUser(db, userId);
  const removed = await db.$transaction(async (tx) => {
    const row = await tx.authenticator.findFirst({ where: { id, user_id: userId, ...(options.otpOnly ? { type: "otp" } : {}) }, select: { id: true, type: true } });
    if (!row) return null;
    await tx.authenticator.delete({ where: { id: row.id } });
    const ids = [row.id];
    if (row.type === "otp" && !(await hasConfirmedOtp(tx, userId))) {
      const codes = await tx.authenticator.findMany({ where: { user_id: userId, type: "recovery-code" }, select: { id: true } });
      await tx.authenticator.deleteMany({ where: { user_id: userId, type: "recovery-code" } });
      ids.push(...codes.map((c) => c.id));
    }
    await syncUserMultifactor(tx, userId);
    return ids;
  });
  if (!removed) throw notFound("Authentication method not found.", "inexistent_authentication_method");
  await logUnenroll(db, userId, actor, removed);
}

/** DELETE /guardian/enrollments/{id}: the OTP authenticator, whoever it belongs to. */
export async function deleteGuardianEnrollment(db: Db, id: string, actor: Actor): Promise<void> {
  const row = await db.authenticator.findFirst({ where: { id, type: "otp" }, select: { user_id: true } });
  if (!row) throw notFound("Enrollment not found.", "inexistent_enrollment");
  await deleteUserAuthenticator(db, row.user_id, id, actor, { otpOnly: true });
}

/** A new recovery code for an enrolled user (the old one stops working); returned once. */
export async function regenerateRecoveryCode(db: Db, userId: string, actor: Actor): Promise<{ recovery_code: string }> {
  await assertUser(db, userId);
  if (!(await hasConfirmedOtp(db, userId))) throw invalid("The user is not enrolled in multi-factor authentication.", "user_not_enrolled");
  const code = await replaceRecoveryCode(db, userId);
  await writeLogEvent(db, {
    type: "wum",
    description: "Recovery code regenerated",
    user_id: userId,
    ...(actor.kind === "client" ? { client_id: actor.clientId } : {}),
  });
  return { recovery_code: code };
}
