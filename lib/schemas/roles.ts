// Roles (Auth0 "Authorization Core" RBAC): the request schemas shared by the Management API, the
// dashboard forms and the OpenAPI document (STYLE.md point 7). Field names are Auth0's.
//
// Auth0's OAS sets no length limits on a role's name or description; Gatehouse bounds them so
// nothing unbounded reaches the database: name 1-255 characters (trimmed; the client name's
// limit), description at most 140 (Auth0's description limit elsewhere, e.g. clients).
import { z } from "zod";

/** Auth0's RBAC entity limits (Entity Limit Policy): roles per tenant, permissions per role. */
export const MAX_ROLES_PER_TENANT = 1000;
export const MAX_PERMISSIONS_PER_ROLE = 1000;

export const ROLE_NAME_MAX_LENGTH = 255;
export const ROLE_DESCRIPTION_MAX_LENGTH = 140;

// PostgreSQL cannot store NUL in text (a driver error, i.e. a 5xx), and control characters in a
// name are never intended; descriptions may keep tabs and line breaks.
const hasNoControlCharacters = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);
const hasNoControlCharactersButWhitespace = (value: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);

export const roleNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(ROLE_NAME_MAX_LENGTH)
  .refine(hasNoControlCharacters, "Must not contain control characters");

export const roleDescriptionSchema = z
  .string()
  .max(ROLE_DESCRIPTION_MAX_LENGTH)
  .refine(hasNoControlCharactersButWhitespace, "Must not contain control characters");

export const roleCreateSchema = z.strictObject({
  name: roleNameSchema,
  description: roleDescriptionSchema.optional(),
  // SDK v7 sends `type` (default "tenant"). Organization roles need Organizations, which
  // Gatehouse does not have; `owner_id` (organization roles only) is therefore not accepted.
  type: z.literal("tenant", { error: "Organization roles are not supported" }).optional(),
});

export const roleUpdateSchema = z.strictObject({
  name: roleNameSchema.optional(),
  // null clears the description (a Gatehouse extension; Auth0's schema only takes a string).
  description: roleDescriptionSchema.nullable().optional(),
});

/** One permission: a scope (`permission_name`) defined by an API (`resource_server_identifier`). */
export const permissionReferenceSchema = z.strictObject({
  // Auth0 caps an API identifier at 600 characters and a scope value at 280.
  resource_server_identifier: z.string().min(1).max(600).refine(hasNoControlCharacters, "Must not contain control characters"),
  permission_name: z.string().min(1).max(280).refine(hasNoControlCharacters, "Must not contain control characters"),
});

/**
 * POST/DELETE /roles/{id}/permissions. The OAS requires at least one entry and sets no maximum;
 * a role can hold at most MAX_PERMISSIONS_PER_ROLE, so no useful call carries more.
 */
export const rolePermissionsSchema = z.strictObject({
  permissions: z.array(permissionReferenceSchema).min(1).max(MAX_PERMISSIONS_PER_ROLE),
});

export type RoleCreateInput = z.output<typeof roleCreateSchema>;
export type RoleUpdateInput = z.output<typeof roleUpdateSchema>;
export type PermissionReference = z.output<typeof permissionReferenceSchema>;
export type RolePermissionsInput = z.output<typeof rolePermissionsSchema>;
