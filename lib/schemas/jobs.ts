// Jobs: request schemas of /api/v2/jobs (auth0-management-api.md §3.13, §5, §6). The users-imports
// body is multipart and parsed as a stream (lib/jobs/receive-import-upload.ts); its parts are
// checked there with the same messages.
import { z } from "zod";
import { userIdSchema } from "./users.ts";

export const connectionIdSchema = z.string().regex(/^con_[A-Za-z0-9]{16}$/, "String does not match pattern ^con_[A-Za-z0-9]{16}$");

export const jobIdParamsSchema = z.object({
  id: z.string().regex(/^job_[A-Za-z0-9]{1,64}$/, "String does not match pattern ^job_[A-Za-z0-9]+$"),
});

const exportFieldSchema = z.strictObject({
  name: z.string().min(1).max(100),
  export_as: z.string().min(1).max(100).optional(),
});

/** POST /jobs/users-exports (additionalProperties false). */
export const usersExportSchema = z.strictObject({
  connection_id: connectionIdSchema.optional(),
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.number().int().min(1).optional(),
  fields: z.array(exportFieldSchema).min(1).max(100).optional(),
  /**
   * Gatehouse extension: also write each user's password hash (`password_hash`), so a migration
   * out keeps passwords. Off by default; needs the read:user_password_hashes scope; logged.
   */
  include_password_hashes: z.boolean().optional(),
});
export type UsersExportInput = z.infer<typeof usersExportSchema>;

/** POST /jobs/verification-email. */
export const verificationEmailJobSchema = z.strictObject({
  user_id: userIdSchema,
  client_id: z.string().min(1).max(128).optional(),
  identity: z
    .strictObject({
      user_id: z.string().min(1).max(255),
      provider: z.string().min(1).max(64),
      connection_id: connectionIdSchema.optional(),
    })
    .optional(),
  organization_id: z.string().min(1).max(128).optional(),
});
export type VerificationEmailJobInput = z.infer<typeof verificationEmailJobSchema>;
