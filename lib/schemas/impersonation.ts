// Impersonation (Gatehouse extension, issue 5): the request shared by
// `POST /api/v2/users/{id}/impersonate`, the dashboard's "Sign in as this user" form and the
// OpenAPI document (STYLE.md point 7). See lib/services/impersonation/README.md.
import { z } from "zod";

/** The time box, seconds: 15 minutes unless asked otherwise, at most 4 hours, at least 1 minute. */
export const IMPERSONATION_DEFAULT_SECONDS = 900;
export const IMPERSONATION_MIN_SECONDS = 60;
export const IMPERSONATION_MAX_SECONDS = 14_400;
export const IMPERSONATION_REASON_MIN_LENGTH = 3;
export const IMPERSONATION_REASON_MAX_LENGTH = 500;

const noControlCharacters = (value: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
const printable = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);

export const impersonationStartSchema = z.strictObject({
  /** The application to sign in to. */
  client_id: z.string().trim().min(1, "Choose an application").max(64).refine(printable, "Must not contain control characters"),
  /** Why: required, kept with the record and in the log events. */
  reason: z
    .string()
    .trim()
    .min(IMPERSONATION_REASON_MIN_LENGTH, `Give a reason (at least ${IMPERSONATION_REASON_MIN_LENGTH} characters)`)
    .max(IMPERSONATION_REASON_MAX_LENGTH)
    .refine(noControlCharacters, "Must not contain control characters"),
  /** One of the application's callback URLs; its first one when omitted. */
  redirect_uri: z.string().trim().max(2048).refine(printable, "Must not contain control characters").optional(),
  /** Scopes to ask for (space-delimited); `openid profile email` when omitted. */
  scope: z.string().trim().max(1024).refine(printable, "Must not contain control characters").optional(),
  /** The API for the access token; the tenant's default audience when omitted. */
  audience: z.string().trim().max(600).refine(printable, "Must not contain control characters").optional(),
  /** Passed back to the callback as `state`, as Auth0's impersonation did. */
  state: z.string().max(512).refine(printable, "Must not contain control characters").optional(),
  /** The time box in seconds. */
  expires_in: z.number().int().min(IMPERSONATION_MIN_SECONDS).max(IMPERSONATION_MAX_SECONDS).optional(),
});

export type ImpersonationStartInput = z.infer<typeof impersonationStartSchema>;

/** The dashboard form: the same fields, with the time box in minutes (converted on submit). */
export const impersonationFormSchema = z.strictObject({
  client_id: impersonationStartSchema.shape.client_id,
  reason: impersonationStartSchema.shape.reason,
  minutes: z.coerce
    .number()
    .int()
    .min(IMPERSONATION_MIN_SECONDS / 60)
    .max(IMPERSONATION_MAX_SECONDS / 60),
});

export type ImpersonationFormInput = z.infer<typeof impersonationFormSchema>;
