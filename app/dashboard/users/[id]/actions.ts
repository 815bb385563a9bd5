"use server";
// Server actions of the user page. Each: CSRF + operator check and an audit event
// (lib/dashboard/dashboard-action.ts), then the same services as the Management API.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ActionFailure, dashboardAction, type ActionResult } from "@/lib/dashboard/dashboard-action.ts";
import { revokeUserGrant, revokeUserSession } from "@/lib/dashboard/users/user-access.ts";
import { releaseUserBlock } from "@/lib/dashboard/users/user-blocks.ts";
import { setOperatorRole } from "@/lib/dashboard/users/operator-role.ts";
import { deleteUnusedPictures, storePicture } from "@/lib/dashboard/users/pictures.ts";
import { userHref } from "@/lib/dashboard/users/presented-user.ts";
import { sendVerificationEmail } from "@/lib/email/send-verification-email.ts";
import { userPermissionsSchema, userUpdateSchema, type UserUpdateInput } from "@/lib/schemas/users.ts";
import { CSRF_FIELD } from "@/lib/security/csrf-field.ts";
import { requestPasswordReset } from "@/lib/services/authentication/request-password-reset.ts";
import { AppError, invalid } from "@/lib/services/errors.ts";
import { assignUserPermissions } from "@/lib/services/users/assign-user-permissions.ts";
import { assignUserRoles } from "@/lib/services/users/assign-user-roles.ts";
import { clearUserBlocks } from "@/lib/services/users/clear-user-blocks.ts";
import { deleteUser } from "@/lib/services/users/delete-user.ts";
import { getUserRowOrThrow } from "@/lib/services/users/get-user.ts";
import { removeUserPermissions } from "@/lib/services/users/remove-user-permissions.ts";
import { removeUserRoles } from "@/lib/services/users/remove-user-roles.ts";
import { updateUser } from "@/lib/services/users/update-user.ts";
import { sendBreachedPasswordReset } from "@/lib/services/users/breached-password.ts";
import { deleteAllUserAuthenticators } from "@/lib/services/mfa/manage-user-mfa.ts";
import type { Db } from "@/lib/db/client.ts";
import type { Actor } from "@/lib/services/actor.ts";

type Result = ActionResult<undefined>;

/** Server actions can be called with anything: ids are checked before they reach a query. */
const idSchema = z.string().min(1).max(512);
function checkIds(...values: unknown[]): void {
  for (const value of values) if (!idSchema.safeParse(value).success) throw invalid("Invalid identifier.");
}

const refresh = (userId: string) => revalidatePath(userHref(userId).split("?")[0]!);

/** PATCH through the API's schema and service; validation problems become a specific message. */
async function patchUser(db: Db, userId: string, patch: UserUpdateInput, actor: Actor, field?: string): Promise<Record<string, unknown>> {
  const parsed = userUpdateSchema.safeParse(patch);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Invalid value.";
    throw new ActionFailure(message, field ? { [field]: message } : undefined);
  }
  try {
    return await updateUser(db, userId, parsed.data, actor);
  } catch (error) {
    if (error instanceof AppError && error.status < 500 && field) throw new ActionFailure(error.message.replace(/^Payload validation error: /, ""), { [field]: error.message.replace(/^Payload validation error: /, "") });
    throw error;
  }
}

const label = (user: { email: string | null; username: string | null; user_id: string }) => user.email ?? user.username ?? user.user_id;

export async function setBlockedAction(csrf: string, userId: string, blocked: boolean): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId);
    const user = await getUserRowOrThrow(db, userId);
    await patchUser(db, userId, { blocked }, actor);
    refresh(userId);
    return { message: blocked ? `${label(user)} is blocked.` : `${label(user)} is unblocked.`, audit: { description: blocked ? "Block a user" : "Unblock a user", user_id: userId, user_name: user.email } };
  });
}

export async function releaseBlockAction(csrf: string, userId: string, blockId: string | null): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId, ...(blockId === null ? [] : [blockId]));
    if (blockId) await releaseUserBlock(db, userId, blockId);
    else await clearUserBlocks(db, userId, actor);
    refresh(userId);
    return { message: blockId ? "Login block released." : "Every login block released.", audit: { description: "Release brute-force blocks", user_id: userId, details: { block_id: blockId } } };
  });
}

/** Reset MFA: every authenticator goes; the user enrolls again at the next login that asks for MFA. */
export async function resetMfaAction(csrf: string, userId: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId);
    await deleteAllUserAuthenticators(db, userId, actor);
    refresh(userId);
    return { message: "MFA reset: the user will set up an authenticator app at their next login.", audit: { description: "Reset multi-factor authentication", user_id: userId } };
  });
}

export async function deleteUserAction(csrf: string, userId: string, confirmation: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId);
    const user = await getUserRowOrThrow(db, userId);
    const expected = label(user);
    if (String(confirmation).trim() !== expected) throw new ActionFailure(`Type ${expected} exactly to confirm.`, { confirmation: `Type ${expected} exactly to confirm.` });
    await deleteUser(db, userId, actor);
    await deleteUnusedPictures(db, userId);
    revalidatePath("/dashboard/users");
    return { message: `${expected} was deleted.`, audit: { description: "Delete a user", user_id: userId } };
  });
}

export async function updateMetadataAction(csrf: string, userId: string, field: "user_metadata" | "app_metadata", patch: Record<string, unknown>): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId);
    if (field !== "user_metadata" && field !== "app_metadata") throw invalid("Unknown metadata field.");
    if (patch === null || typeof patch !== "object" || Array.isArray(patch) || Object.keys(patch).length === 0) throw new ActionFailure("Nothing changed: there is nothing to save.");
    await patchUser(db, userId, { [field]: patch }, actor, field);
    refresh(userId);
    return { message: `${field} saved.`, audit: { description: `Update ${field}`, user_id: userId, details: { keys: Object.keys(patch) } } };
  });
}

const pictureUrlSchema = z.url({ protocol: /^https?$/ }).max(2048);

export async function setPictureUrlAction(csrf: string, userId: string, url: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId);
    if (!pictureUrlSchema.safeParse(url.trim()).success) throw new ActionFailure("Enter an http:// or https:// URL of an image.", { picture_url: "Enter an http:// or https:// URL of an image." });
    await patchUser(db, userId, { picture: url.trim() }, actor, "picture_url");
    await deleteUnusedPictures(db, userId, url.trim());
    refresh(userId);
    return { message: "Picture changed.", audit: { description: "Change a user's picture (URL)", user_id: userId } };
  });
}

export async function uploadPictureAction(formData: FormData): Promise<ActionResult<{ url: string }>> {
  const csrf = String(formData.get(CSRF_FIELD) ?? "");
  const userId = String(formData.get("user_id") ?? "");
  const file = formData.get("picture");
  return dashboardAction(csrf, async ({ db, actor }) => {
    if (!(file instanceof File) || file.size === 0) throw new ActionFailure("Choose an image file.", { picture_file: "Choose an image file." });
    await getUserRowOrThrow(db, userId);
    let stored: { id: string; url: string };
    try {
      stored = await storePicture(db, userId, new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      if (error instanceof AppError && error.status < 500) throw new ActionFailure(error.message, { picture_file: error.message });
      throw error;
    }
    await patchUser(db, userId, { picture: stored.url }, actor, "picture_file");
    await deleteUnusedPictures(db, userId, stored.url);
    refresh(userId);
    return { message: "Picture uploaded.", data: { url: stored.url }, audit: { description: "Change a user's picture (upload)", user_id: userId, details: { picture: stored.id } } };
  });
}

export async function changePasswordAction(csrf: string, userId: string, password: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId);
    if (!password) throw new ActionFailure("Enter the new password.", { password: "Enter the new password." });
    await patchUser(db, userId, { password }, actor, "password");
    refresh(userId);
    return { message: "Password changed.", audit: { description: "Change a user's password", user_id: userId } };
  });
}

export async function sendPasswordResetAction(csrf: string, userId: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db }) => {
    checkIds(userId);
    const user = await getUserRowOrThrow(db, userId);
    if (!user.email) throw invalid("This user has no email address to send a reset link to.");
    const connection = await db.connection.findUniqueOrThrow({ where: { id: user.connection_id }, select: { id: true, name: true, strategy: true, options: true } });
    if (connection.strategy !== "auth0") throw invalid("Only users of database connections have a password to reset.");
    const { sent, delivery } = await requestPasswordReset(db, { identifier: user.email, connections: [connection] });
    if (!sent) throw invalid("No reset email could be sent for this user.");
    await delivery.catch(() => undefined);
    return { message: `Password reset email sent to ${user.email}.`, audit: { description: "Send a password reset email", user_id: userId, user_name: user.email } };
  });
}

export async function resendVerificationAction(csrf: string, userId: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db }) => {
    checkIds(userId);
    const user = await getUserRowOrThrow(db, userId);
    if (!user.email) throw invalid("This user has no email address.");
    if (user.email_verified) throw invalid("The email address is already verified.");
    const { sent, delivery } = await sendVerificationEmail(db, user, { requestedBy: "dashboard" });
    if (!sent) throw invalid("No verification email could be sent.");
    await delivery.catch(() => undefined);
    return { message: `Verification email sent to ${user.email}.`, audit: { description: "Send a verification email", user_id: userId, user_name: user.email } };
  });
}

export async function markEmailVerifiedAction(csrf: string, userId: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId);
    await patchUser(db, userId, { email_verified: true }, actor);
    refresh(userId);
    return { message: "Email marked as verified.", audit: { description: "Mark a user's email verified", user_id: userId } };
  });
}

export async function assignRoleAction(csrf: string, userId: string, roleId: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId, roleId);
    if (!roleId) throw new ActionFailure("Choose a role.", { role: "Choose a role." });
    await assignUserRoles(db, userId, [roleId], actor);
    refresh(userId);
    return { message: "Role assigned.", audit: { description: "Assign a role to a user", user_id: userId, details: { role_id: roleId } } };
  });
}

export async function removeRoleAction(csrf: string, userId: string, roleId: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId, roleId);
    await removeUserRoles(db, userId, [roleId], actor);
    refresh(userId);
    return { message: "Role removed.", audit: { description: "Remove a role from a user", user_id: userId, details: { role_id: roleId } } };
  });
}

export async function assignPermissionAction(csrf: string, userId: string, audience: string, permission: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId);
    const body = userPermissionsSchema.safeParse({ permissions: [{ resource_server_identifier: audience, permission_name: permission }] });
    if (!body.success) throw new ActionFailure("Choose an API and a permission.", { permission: "Choose an API and a permission." });
    await assignUserPermissions(db, userId, body.data, actor);
    refresh(userId);
    return { message: `Permission ${permission} assigned.`, audit: { description: "Assign a permission to a user", user_id: userId, details: { audience, permission } } };
  });
}

export async function removePermissionAction(csrf: string, userId: string, audience: string, permission: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId);
    const body = userPermissionsSchema.safeParse({ permissions: [{ resource_server_identifier: audience, permission_name: permission }] });
    if (!body.success) throw invalid("Invalid permission.");
    await removeUserPermissions(db, userId, body.data, actor);
    refresh(userId);
    return { message: `Permission ${permission} removed.`, audit: { description: "Remove a permission from a user", user_id: userId, details: { audience, permission } } };
  });
}

export async function revokeSessionAction(csrf: string, userId: string, sessionId: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db }) => {
    checkIds(userId, sessionId);
    await revokeUserSession(db, userId, sessionId);
    refresh(userId);
    return { message: "Session revoked.", audit: { description: "Revoke a user's session", user_id: userId, details: { sid: sessionId } } };
  });
}

export async function revokeGrantAction(csrf: string, userId: string, grantId: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db }) => {
    checkIds(userId, grantId);
    await revokeUserGrant(db, userId, grantId);
    refresh(userId);
    return { message: "Application access revoked.", audit: { description: "Revoke an application's access for a user", user_id: userId, details: { grant_id: grantId } } };
  });
}

export async function setOperatorRoleAction(csrf: string, userId: string, grant: boolean): Promise<Result> {
  return dashboardAction(csrf, async ({ db, operator }) => {
    checkIds(userId);
    await setOperatorRole(db, userId, grant, operator.user_id);
    refresh(userId);
    return {
      message: grant ? "Operator role granted: this account can now sign in to the dashboard." : "Operator role revoked.",
      audit: { description: grant ? "Grant the operator role" : "Revoke the operator role", user_id: userId },
    };
  });
}

/** "Fix breached password": the breach alert with a single-use password-change link. */
export async function fixBreachedPasswordAction(csrf: string, userId: string): Promise<Result> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    checkIds(userId);
    const { sent, delivery } = await sendBreachedPasswordReset(db, userId, { actor });
    if (!sent) throw invalid("No email could be sent for this user.");
    await delivery.catch(() => undefined);
    return { message: "Password breach alert sent: the user chooses a new password with its link.", audit: { description: "Send a breached-password reset", user_id: userId } };
  });
}
