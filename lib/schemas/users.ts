// Users: the request schemas shared by the Management API, the dashboard forms and the OpenAPI
// document (STYLE.md point 7). Field names, formats and limits are Auth0's
// (auth0-management-api.md §2.1, §2.3, §2.6, §3.2, §3.4, §3.7, §3.8, §3.10).
//
// Rules that depend on the connection (username length and characters, requires_username, the
// password policy) and on the stored profile (metadata size after the merge) are checked by the
// services; everything that depends on the request alone is checked here, so the wrapper reports
// it as Auth0 does: 400 invalid_body naming the property.
import { z } from "zod";

/**
 * Each metadata object is capped at 16 KB of JSON (UTF-8) after the merge. Auth0 asks to keep the
 * whole profile under 10 KB and has no enforced limit it documents consistently (its legacy docs
 * said 16 MB); Gatehouse enforces one so a profile cannot grow without bound, and chooses it above
 * Auth0's guidance so that profiles Auth0 accepts in practice also fit here.
 */
export const METADATA_MAX_BYTES = 16 * 1024;

/** Keys app_metadata must not contain (Auth0's reserved list, §2.3). */
export const APP_METADATA_RESERVED_KEYS: ReadonlySet<string> = new Set([
  "__tenant", "_id", "blocked", "clientID", "created_at", "email_verified", "email", "globalClientID", "global_client_id",
  "identities", "lastIP", "lastLogin", "loginsCount", "metadata", "multifactor_last_modified", "multifactor", "updated_at", "user_id",
]);

/** Identity providers Auth0 knows (`identities[].provider`, §2.2). */
export const IDENTITY_PROVIDERS = [
  "ad", "adfs", "amazon", "apple", "dropbox", "bitbucket", "auth0-oidc", "auth0", "baidu", "bitly", "box", "custom", "daccount",
  "dwolla", "email", "evernote-sandbox", "evernote", "exact", "facebook", "fitbit", "github", "google-apps", "google-oauth2",
  "instagram", "ip", "line", "linkedin", "oauth1", "oauth2", "office365", "oidc", "okta", "paypal", "paypal-sandbox",
  "pingfederate", "planningcenter", "salesforce-community", "salesforce-sandbox", "salesforce", "samlp", "sharepoint", "shopify",
  "shop", "sms", "soundcloud", "thirtysevensignals", "twitter", "untappd", "vkontakte", "waad", "weibo", "windowslive",
  "wordpress", "yahoo", "yandex",
] as const;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Why a metadata key is refused, or undefined when it is fine. */
function keyProblem(key: string): string | undefined {
  if (key === "") return "metadata keys must not be empty";
  // `__proto__` would become the object's prototype in any JavaScript that copies the value.
  if (key === "__proto__") return "the key __proto__ is not allowed";
  if (key.includes(".") || key.includes("$")) return 'metadata keys must not contain "." or "$"';
  return undefined;
}

/**
 * The first refused key anywhere in a metadata value (§2.3: no `.` or `$` in keys, at any depth;
 * dots in values are fine). Iterative, so hostile nesting cannot overflow the stack.
 */
export function metadataKeyIssue(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) stack.push(...current);
    else if (isPlainObject(current)) {
      for (const [key, child] of Object.entries(current)) {
        const problem = keyProblem(key);
        if (problem) return `Invalid key ${JSON.stringify(key.slice(0, 64))}: ${problem}`;
        stack.push(child);
      }
    }
  }
  return undefined;
}

/**
 * A metadata object as sent. Checked on the raw JSON value (a zod object schema would drop a
 * `__proto__` key silently); top-level `null` values are kept: in a PATCH they delete the key.
 */
const metadataSchema = (source: "user_metadata" | "app_metadata") =>
  z
    .custom<Record<string, unknown>>(isPlainObject, { error: (issue) => `Expected type object but found type ${jsonTypeOf(issue.input)}` })
    .superRefine((value, ctx) => {
      const problem = metadataKeyIssue(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
      if (source === "app_metadata") {
        const reserved = Object.keys(value).find((key) => APP_METADATA_RESERVED_KEYS.has(key));
        if (reserved) ctx.addIssue({ code: "custom", message: `The key ${reserved} is reserved and cannot be used in app_metadata` });
      }
    })
    .meta({ type: "object", description: `${source}: keys without "." or "$"; at most ${METADATA_MAX_BYTES} bytes of JSON after the merge` });

/** Auth0's email format; the local part is at most 64 characters, the address at most 254. */
export const userEmailSchema = z
  .email()
  .max(254)
  .refine((email) => email.slice(0, email.lastIndexOf("@")).length <= 64, "The local part of an email address must be at most 64 characters");

/** E.164 (§2.6). */
export const phoneNumberSchema = z.string().regex(/^\+[0-9]{1,15}$/, "String does not match pattern ^\\+[0-9]{1,15}$");

/** Syntax only; the connection's length limits and `requires_username` are checked by the services. */
export const usernameSchema = z.string().min(1).max(128);

const pictureSchema = z.url({ protocol: /^https?$/, error: "Object didn't pass validation for format uri" }).max(2048);

/** Passwords: the policy is the connection's; bcrypt limits them to 72 bytes (checked with the policy). */
const passwordSchema = z.string().min(1).max(1024);

const noControlCharacters = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);

/** A user id as it appears in paths and bodies: `{provider}|{id}`, printable, bounded. */
export const userIdSchema = z.string().min(1).max(512).refine(noControlCharacters, "Must not contain control characters");

const profileFields = {
  email: userEmailSchema,
  phone_number: phoneNumberSchema,
  given_name: z.string().min(1).max(150),
  family_name: z.string().min(1).max(150),
  name: z.string().min(1).max(300),
  nickname: z.string().min(1).max(300),
  picture: pictureSchema,
  username: usernameSchema,
};

export const userCreateSchema = z.strictObject({
  connection: z.string().min(1).max(128),
  ...Object.fromEntries(Object.entries(profileFields).map(([k, v]) => [k, v.optional()])),
  user_metadata: metadataSchema("user_metadata").optional(),
  app_metadata: metadataSchema("app_metadata").optional(),
  blocked: z.boolean().optional(),
  email_verified: z.boolean().optional(),
  phone_verified: z.boolean().optional(),
  /** Without the provider prefix: the user becomes `auth0|<user_id>` (an empty one is generated). */
  user_id: z
    .string()
    .max(255)
    .regex(/^\S*$/, "String does not match pattern ^\\S*$")
    .refine(noControlCharacters, "Must not contain control characters")
    .optional(),
  password: passwordSchema.optional(),
  verify_email: z.boolean().optional(),
}) as unknown as z.ZodType<UserCreateInput>;

export const userUpdateSchema = z.strictObject({
  ...Object.fromEntries(Object.entries(profileFields).map(([k, v]) => [k, v.nullable().optional()])),
  user_metadata: metadataSchema("user_metadata").optional(),
  app_metadata: metadataSchema("app_metadata").optional(),
  blocked: z.boolean().optional(),
  email_verified: z.boolean().optional(),
  phone_verified: z.boolean().optional(),
  password: passwordSchema.nullable().optional(),
  verify_email: z.boolean().optional(),
  verify_phone_number: z.boolean().optional(),
  /** Selects the identity to change (its connection's name). */
  connection: z.string().min(1).max(128).optional(),
  /** The application whose settings apply to an email change (accepted; emails come later). */
  client_id: z.string().min(1).max(128).optional(),
}) as unknown as z.ZodType<UserUpdateInput>;

type Profile = { [K in keyof typeof profileFields]: z.output<(typeof profileFields)[K]> };

export type UserCreateInput = Partial<Profile> & {
  connection: string;
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  blocked?: boolean;
  email_verified?: boolean;
  phone_verified?: boolean;
  user_id?: string;
  password?: string;
  verify_email?: boolean;
};

export type UserUpdateInput = { [K in keyof Profile]?: Profile[K] | null } & {
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  blocked?: boolean;
  email_verified?: boolean;
  phone_verified?: boolean;
  password?: string | null;
  verify_email?: boolean;
  verify_phone_number?: boolean;
  connection?: string;
  client_id?: string;
};

const roleIdSchema = z.string().min(1).max(128).refine(noControlCharacters, "Must not contain control characters");

/** POST/DELETE /users/{id}/roles (minItems 1). A tenant has at most 1000 roles, so no useful call carries more. */
export const userRolesSchema = z.strictObject({ roles: z.array(roleIdSchema).min(1).max(1000) });

/** POST /roles/{id}/users (minItems 1): bounded like other bulk bodies. */
export const roleUsersSchema = z.strictObject({ users: z.array(userIdSchema).min(1).max(1000) });

/** A user holds at most this many direct permissions (Auth0: "No more permissions can be assigned to this user."). */
export const MAX_PERMISSIONS_PER_USER = 1000;

export const userPermissionsSchema = z.strictObject({
  permissions: z
    .array(
      z.strictObject({
        resource_server_identifier: z.string().min(1).max(600).refine(noControlCharacters, "Must not contain control characters"),
        permission_name: z.string().min(1).max(280).refine(noControlCharacters, "Must not contain control characters"),
      }),
    )
    .min(1)
    .max(MAX_PERMISSIONS_PER_USER),
});

const connectionIdPattern = z.string().regex(/^con_[A-Za-z0-9]{16}$/, "String does not match pattern ^con_[A-Za-z0-9]{16}$");

/**
 * POST /users/{id}/identities: either the server form (`provider` + `user_id`, optionally
 * `connection_id`) or the client form (`link_with`, an ID token of the secondary account).
 */
export const linkIdentitySchema = z
  .strictObject({
    provider: z.enum(IDENTITY_PROVIDERS).optional(),
    user_id: z.union([z.string().min(1).max(255).refine(noControlCharacters, "Must not contain control characters"), z.number().int()]).optional(),
    connection_id: connectionIdPattern.optional(),
    link_with: z.string().min(1).max(16_384).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.link_with !== undefined) {
      if (body.provider !== undefined || body.user_id !== undefined || body.connection_id !== undefined)
        ctx.addIssue({ code: "custom", message: "link_with cannot be combined with provider, user_id or connection_id" });
      return;
    }
    if (body.provider === undefined) ctx.addIssue({ code: "custom", message: "Missing required property: provider" });
    else if (body.user_id === undefined) ctx.addIssue({ code: "custom", message: "Missing required property: user_id" });
  });

export type LinkIdentityInput = z.output<typeof linkIdentitySchema>;
export type UserRolesInput = z.output<typeof userRolesSchema>;
export type RoleUsersInput = z.output<typeof roleUsersSchema>;
export type UserPermissionsInput = z.output<typeof userPermissionsSchema>;
