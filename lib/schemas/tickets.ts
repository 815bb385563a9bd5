// Tickets: POST /api/v2/tickets/password-change and /email-verification (auth0-management-api.md
// §3.12). Both bodies are additionalProperties false in Auth0's OAS. Rules that combine properties
// are checked here so the wrapper reports them as 400 invalid_body.
import { z } from "zod";
import { userIdSchema } from "./users.ts";

/** Auth0's default ticket lifetime: 5 days. */
export const DEFAULT_TICKET_TTL_SECONDS = 432_000;
/**
 * Auth0 sets no maximum; Gatehouse caps a ticket's lifetime at 30 days, so a link handed out once
 * does not stay a way into the account indefinitely.
 */
export const MAX_TICKET_TTL_SECONDS = 30 * 24 * 3600;

const connectionIdSchema = z.string().regex(/^con_[A-Za-z0-9]{16}$/, "String does not match pattern ^con_[A-Za-z0-9]{16}$");

const identitySchema = z.strictObject({
  user_id: z.string().min(1).max(255),
  provider: z.string().min(1).max(64),
  connection_id: connectionIdSchema.optional(),
});

const common = {
  result_url: z.url({ protocol: /^https?$/, error: "Object didn't pass validation for format uri" }).max(2048).optional(),
  client_id: z.string().min(1).max(128).optional(),
  organization_id: z.string().min(1).max(128).optional(),
  ttl_sec: z.number().int().min(0).max(MAX_TICKET_TTL_SECONDS).optional(),
  includeEmailInRedirect: z.boolean().optional(),
  identity: identitySchema.optional(),
};

export const passwordChangeTicketSchema = z
  .strictObject({
    ...common,
    user_id: userIdSchema.optional(),
    email: z.string().min(1).max(320).optional(),
    connection_id: connectionIdSchema.optional(),
    mark_email_as_verified: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    const byEmail = body.email !== undefined || body.connection_id !== undefined;
    if (body.user_id !== undefined && byEmail)
      ctx.addIssue({ code: "custom", message: "Specify either user_id, or email and connection_id, not both" });
    else if (body.user_id === undefined && !(body.email !== undefined && body.connection_id !== undefined))
      ctx.addIssue({ code: "custom", message: "Missing required property: user_id (or email and connection_id)" });
    if (body.result_url !== undefined && body.organization_id !== undefined)
      ctx.addIssue({ code: "custom", message: "result_url cannot be combined with organization_id" });
  });

export const emailVerificationTicketSchema = z
  .strictObject({
    ...common,
    user_id: userIdSchema,
  })
  .superRefine((body, ctx) => {
    if (body.result_url !== undefined && (body.client_id !== undefined || body.organization_id !== undefined))
      ctx.addIssue({ code: "custom", message: "result_url cannot be combined with client_id or organization_id" });
  });

export type PasswordChangeTicketInput = z.output<typeof passwordChangeTicketSchema>;
export type EmailVerificationTicketInput = z.output<typeof emailVerificationTicketSchema>;
