// Client grants: the request schemas shared by the Management API, the dashboard forms and the
// OpenAPI document (STYLE.md point 7). Field names and enums are Auth0's (SDK v7 and v4 bodies).
import { z } from "zod";
import { requireStorableJson, resourceServerIdentifierSchema, scopeValueSchema } from "./resource-servers.ts";

/** Client ids are opaque strings (32 alphanumerics when Gatehouse makes them; set at bootstrap otherwise). */
export const clientIdSchema = z.string().min(1).max(128).regex(/^[^\s\u0000-\u001f\u007f]+$/, "The client_id must not contain whitespace or control characters");

const scopeList = z.array(scopeValueSchema).max(1000);

/**
 * Organizations are not implemented: `require` would promise that tokens are only issued in an
 * organization's context, which Gatehouse cannot keep, so it is refused. `deny` and `allow` are
 * true of Gatehouse today (no token carries an organization).
 */
const organizationUsage = z.enum(["deny", "allow"], { error: "organization_usage must be deny or allow: organizations are not supported yet" });

const unsupportedFields = {
  // Rich authorization requests (RFC 9396) are not implemented: only "none" can be granted.
  authorization_details_types: z.array(z.string()).max(0, "authorization_details_types are not supported yet"),
};

export const clientGrantCreateSchema = z
  .strictObject({
    client_id: clientIdSchema,
    audience: resourceServerIdentifierSchema,
    scope: scopeList.optional(),
    organization_usage: organizationUsage.optional(),
    allow_any_organization: z.boolean().optional(),
    subject_type: z.literal("client", { error: "Only client (machine-to-machine) grants are supported yet" }).optional(),
    default_for: z.never({ error: "Default grants (default_for) are not supported yet" }).optional(),
    allow_all_scopes: z.literal(false, { error: "allow_all_scopes is not supported yet: list the scopes" }).optional(),
    authorization_details_types: unsupportedFields.authorization_details_types.optional(),
  })
  .superRefine(requireStorableJson);

export const clientGrantUpdateSchema = z
  .strictObject({
    // null clears, as in Auth0's update body.
    scope: scopeList.nullable().optional(),
    organization_usage: organizationUsage.nullable().optional(),
    allow_any_organization: z.boolean().nullable().optional(),
    allow_all_scopes: z.union([z.literal(false), z.null()], { error: "allow_all_scopes is not supported yet: list the scopes" }).optional(),
    authorization_details_types: unsupportedFields.authorization_details_types.optional(),
  })
  .superRefine(requireStorableJson);

export type ClientGrantCreateInput = z.output<typeof clientGrantCreateSchema>;
export type ClientGrantUpdateInput = z.output<typeof clientGrantUpdateSchema>;
