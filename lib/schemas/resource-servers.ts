// APIs (Auth0 "resource servers"): the request schemas shared by the Management API, the dashboard
// forms and the OpenAPI document (STYLE.md point 7). Field names, enums and limits are Auth0's
// (OAS CreateResourceServerRequestContent); where Gatehouse is stricter, the rule says why.
import { z } from "zod";

export const RESOURCE_SERVER_SIGNING_ALGORITHMS = ["HS256", "RS256", "RS512", "PS256"] as const;
export const TOKEN_DIALECTS = ["access_token", "access_token_authz", "rfc9068_profile", "rfc9068_profile_authz"] as const;

/** Auth0's ceiling for access-token lifetimes: 30 days. */
export const MAX_TOKEN_LIFETIME = 2_592_000;
export const DEFAULT_TOKEN_LIFETIME = 86_400;
export const DEFAULT_TOKEN_LIFETIME_FOR_WEB = 7_200;

/**
 * Auth0 properties Gatehouse stores (ResourceServer.extra) and returns as given but does not act on.
 * Each is accepted only in values that are true of Gatehouse's behaviour: a setting that would
 * promise a protection Gatehouse does not give (token encryption, DPoP/mTLS required, MFA consent,
 * authorization policies, deny-all subject policies) is refused with "not supported yet".
 */
export const RESOURCE_SERVER_PASSTHROUGH_FIELDS = [
  "allow_online_access",
  "allow_online_access_with_ephemeral_sessions",
  "token_lifetime_for_anonymous_access_tokens",
  "token_encryption",
  "consent_policy",
  "authorization_details",
  "proof_of_possession",
  "subject_type_authorization",
  "authorization_policy",
  "client",
] as const;

/** The Management API (is_system) accepts only these changes, as Auth0's does. */
export const SYSTEM_RESOURCE_SERVER_UPDATABLE_FIELDS = ["token_lifetime", "skip_consent_for_verifiable_first_party_clients"] as const;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const noControlCharacters = (value: string) => !CONTROL_CHARACTERS.test(value);

/** Passthrough objects nest at most this deep: deeper input is refused, never recursed into. */
const MAX_STORED_JSON_DEPTH = 32;

/**
 * What PostgreSQL and the JSON layers can store: no NUL in any string or key (text and jsonb refuse
 * it), and no nesting deeper than MAX_STORED_JSON_DEPTH (JSON.stringify and Prisma recurse, so a hostile
 * 20,000-level body would overflow the stack). Both are a 400, never a database or runtime error.
 */
export function requireStorableJson(value: unknown, ctx: z.RefinementCtx): void {
  const problem = storageProblem(value, 0);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}

function storageProblem(value: unknown, depth: number): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? "Strings must not contain NUL characters" : null;
  if (value === null || typeof value !== "object") return null;
  if (depth >= MAX_STORED_JSON_DEPTH) return `Values must not nest more than ${MAX_STORED_JSON_DEPTH} levels deep`;
  for (const [key, item] of Object.entries(value)) {
    const problem = (key.includes("\u0000") ? "Strings must not contain NUL characters" : null) ?? storageProblem(item, depth + 1);
    if (problem) return problem;
  }
  return null;
}

/** The audience: 1-600 characters (Auth0's limit), no whitespace or control characters. */
export const resourceServerIdentifierSchema = z
  .string()
  .min(1)
  .max(600)
  .regex(/^[^\s\u0000-\u001f\u007f]+$/, "The identifier must not contain whitespace or control characters");

/** RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`. */
export const scopeValueSchema = z
  .string()
  .min(1)
  .max(280)
  .regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, "A scope value is one word of printable ASCII, without spaces, quotes or backslashes (RFC 6749 §3.3)");

export const resourceServerScopeSchema = z.strictObject({
  value: scopeValueSchema,
  description: z.string().max(500).refine(noControlCharacters, "Must not contain control characters").optional(),
});

export const resourceServerScopesSchema = z
  .array(resourceServerScopeSchema)
  .max(1000)
  .superRefine((scopes, ctx) => {
    const seen = new Set<string>();
    for (const [index, scope] of scopes.entries()) {
      if (seen.has(scope.value)) ctx.addIssue({ code: "custom", message: `Duplicate scope value: ${scope.value}`, path: [index, "value"] });
      seen.add(scope.value);
    }
  });

const tokenLifetime = z.number().int().min(1).max(MAX_TOKEN_LIFETIME);

const notSupported = (what: string) => ({ error: `${what} is not supported yet` });

const passthroughShape = {
  allow_online_access: z.boolean(),
  allow_online_access_with_ephemeral_sessions: z.boolean(),
  token_lifetime_for_anonymous_access_tokens: tokenLifetime.nullable(),
  token_encryption: z.null(notSupported("Token encryption")),
  // SDK v4's enum spells the absent policy as the string "null".
  consent_policy: z.union([z.null(), z.literal("null")], notSupported("Transactional authorization with MFA")).transform(() => null),
  authorization_details: z.array(z.record(z.string(), z.unknown())).max(100).nullable(),
  proof_of_possession: z
    .strictObject({
      mechanism: z.enum(["mtls", "dpop"]),
      required: z.literal(false, notSupported("Requiring proof of possession")),
      required_for: z.enum(["public_clients", "all_clients"]).optional(),
    })
    .nullable(),
  subject_type_authorization: z.strictObject({
    // Gatehouse issues user tokens to any client the user authorizes, and M2M tokens only through a
    // client grant: those are the only policies it can honour.
    user: z.strictObject({ policy: z.literal("allow_all", notSupported("A user policy other than allow_all")).optional() }).optional(),
    client: z
      .strictObject({ policy: z.literal("require_client_grant", notSupported("A client policy other than require_client_grant")).optional() })
      .optional(),
    anonymous_user: z.strictObject({ policy: z.enum(["deny_all", "require_client_grant"]).optional() }).optional(),
  }),
  authorization_policy: z.null(notSupported("Authorization policies")),
  client: z.record(z.string(), z.unknown()),
};

const resourceServerFields = {
  name: z.string().trim().min(1).max(200).regex(/^[^<>]+$/, "Must not contain < or >").refine(noControlCharacters, "Must not contain control characters"),
  scopes: resourceServerScopesSchema,
  signing_alg: z.enum(RESOURCE_SERVER_SIGNING_ALGORITHMS),
  // Auth0 accepts 16 characters; RFC 7518 §3.2 requires an HS256 key of at least 256 bits.
  signing_secret: z
    .string()
    .min(32, "The signing secret must be at least 32 characters (RFC 7518 §3.2)")
    .max(1024)
    .refine(noControlCharacters, "Must not contain control characters"),
  allow_offline_access: z.boolean(),
  skip_consent_for_verifiable_first_party_clients: z.boolean(),
  token_lifetime: tokenLifetime,
  // Not in Auth0's OAS request bodies (the Auth0 dashboard sets it); accepted so it can be configured.
  token_lifetime_for_web: tokenLifetime,
  token_dialect: z.enum(TOKEN_DIALECTS),
  enforce_policies: z.boolean(),
  ...passthroughShape,
};

type FieldShape = typeof resourceServerFields;
const optionalFields = Object.fromEntries(Object.entries(resourceServerFields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof FieldShape]: z.ZodOptional<FieldShape[K]>;
};

export const resourceServerCreateSchema = z
  .strictObject({ identifier: resourceServerIdentifierSchema, ...optionalFields })
  .superRefine(requireStorableJson);

export const resourceServerUpdateSchema = z
  .strictObject({
    identifier: z.never({ error: "The identifier of an API cannot be changed" }).optional(),
    ...optionalFields,
  })
  .superRefine(requireStorableJson);

export type ResourceServerScope = z.output<typeof resourceServerScopeSchema>;
export type ResourceServerCreateInput = z.output<typeof resourceServerCreateSchema>;
export type ResourceServerUpdateInput = z.output<typeof resourceServerUpdateSchema>;
