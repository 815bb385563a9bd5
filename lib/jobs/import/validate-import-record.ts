// Checks one import record against Auth0's bulk-import schema (auth0-management-api.md §5.2,
// additionalProperties false) and turns it into the row values to write. Problems are reported
// with Auth0's per-record codes (§5.7) and the JSON path of the property; a record with any
// problem is not written and becomes an entry of GET /jobs/{id}/errors.
import { importPasswordHash } from "../../passwords/imported-hash.ts";
import { APP_METADATA_RESERVED_KEYS, METADATA_MAX_BYTES, metadataKeyIssue, phoneNumberSchema, userEmailSchema } from "../../schemas/users.ts";
import type { DatabaseConnectionRules } from "../../services/users/create-database-user.ts";
import { normalizeUsername } from "../../services/users/normalize-username.ts";

export type RecordError = { code: string; message: string; path: string };

/** The profile fields an import may set, and whether an upsert may change them (§5.5). */
const FIELDS: Record<string, { upsertable: boolean }> = {
  email: { upsertable: false },
  email_verified: { upsertable: true },
  phone_number: { upsertable: false },
  phone_verified: { upsertable: false },
  user_id: { upsertable: false },
  username: { upsertable: false },
  given_name: { upsertable: true },
  family_name: { upsertable: true },
  name: { upsertable: true },
  nickname: { upsertable: true },
  picture: { upsertable: true },
  blocked: { upsertable: false },
  password_hash: { upsertable: false },
  /** Auth0's own export names the bcrypt hash so (importPasswordHash accepts it). */
  passwordHash: { upsertable: false },
  custom_password_hash: { upsertable: true },
  app_metadata: { upsertable: true },
  user_metadata: { upsertable: true },
  mfa_factors: { upsertable: false },
};

export type ImportedUser = {
  index: number;
  /** Lower-cased. */
  email: string;
  /** The id without `auth0|`, when the record gave one. */
  providerUserId: string | null;
  username: string | null;
  email_verified: boolean | undefined;
  phone_number: string | undefined;
  phone_verified: boolean | undefined;
  given_name: string | undefined;
  family_name: string | undefined;
  name: string | undefined;
  nickname: string | undefined;
  picture: string | undefined;
  blocked: boolean | undefined;
  app_metadata: Record<string, unknown> | undefined;
  user_metadata: Record<string, unknown> | undefined;
  /** The hash to store (Gatehouse's format), or null when the record has none. */
  passwordHash: string | null;
  /** The record carried custom_password_hash (upsertable while the user never logged in). */
  customHash: boolean;
  /** The record as submitted, secrets masked: what an error entry shows. */
  masked: Record<string, unknown>;
};

const typeOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** The record with password material replaced by `*****`, as Auth0 shows it in job errors. */
export function maskRecord(value: unknown): unknown {
  if (!isObject(value)) return value;
  const copy: Record<string, unknown> = { ...value };
  if ("password_hash" in copy) copy.password_hash = "*****";
  if ("passwordHash" in copy) copy.passwordHash = "*****";
  const custom = copy.custom_password_hash;
  if (isObject(custom)) {
    const masked: Record<string, unknown> = { ...custom };
    if (isObject(custom.hash)) {
      const hash: Record<string, unknown> = { ...custom.hash, value: "*****" };
      if (isObject(custom.hash.key)) hash.key = { ...custom.hash.key, value: "*****" };
      masked.hash = hash;
    } else if (typeof custom.hash === "string") masked.hash = "*****";
    copy.custom_password_hash = masked;
  }
  return copy;
}

function stringField(record: Record<string, unknown>, key: string, errors: RecordError[], min: number, max: number): string | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    errors.push({ code: "INVALID_TYPE", message: `Expected type string but found type ${typeOf(value)}`, path: key });
    return undefined;
  }
  if (value.length < min) errors.push({ code: "MIN_LENGTH", message: `String is too short (${value.length} chars), minimum ${min}`, path: key });
  else if (value.length > max) errors.push({ code: "MAX_LENGTH", message: `String is too long (${value.length} chars), maximum ${max}`, path: key });
  else return value;
  return undefined;
}

function booleanField(record: Record<string, unknown>, key: string, errors: RecordError[]): boolean | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") {
    errors.push({ code: "INVALID_TYPE", message: `Expected type boolean but found type ${typeOf(value)}`, path: key });
    return undefined;
  }
  return value;
}

function metadataField(record: Record<string, unknown>, key: "app_metadata" | "user_metadata", errors: RecordError[]): Record<string, unknown> | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    errors.push({ code: "INVALID_TYPE", message: `Expected type object but found type ${typeOf(value)}`, path: key });
    return undefined;
  }
  const keyIssue = metadataKeyIssue(value);
  if (keyIssue) {
    errors.push({ code: "PATTERN", message: keyIssue, path: key });
    return undefined;
  }
  if (key === "app_metadata") {
    const reserved = Object.keys(value).find((k) => APP_METADATA_RESERVED_KEYS.has(k));
    if (reserved) {
      errors.push({ code: "NOT_PASSED", message: `The key ${reserved} is reserved and cannot be used in app_metadata`, path: `${key}.${reserved}` });
      return undefined;
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
  if (bytes > METADATA_MAX_BYTES) {
    errors.push({ code: "MAX_LENGTH", message: `${key} is too large: ${bytes} bytes of JSON, at most ${METADATA_MAX_BYTES} are allowed`, path: key });
    return undefined;
  }
  return value;
}

function checkMfaFactors(value: unknown, errors: RecordError[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    errors.push({ code: "INVALID_TYPE", message: `Expected type array but found type ${typeOf(value)}`, path: "mfa_factors" });
    return;
  }
  if (value.length < 1) errors.push({ code: "ARRAY_LENGTH_SHORT", message: "Array is too short (0), minimum 1", path: "mfa_factors" });
  if (value.length > 10) errors.push({ code: "ARRAY_LENGTH_LONG", message: `Array is too long (${value.length}), maximum 10`, path: "mfa_factors" });
  value.forEach((factor, i) => {
    const kinds = isObject(factor) ? Object.keys(factor) : [];
    if (kinds.length !== 1 || !["totp", "phone", "email"].includes(kinds[0]!))
      errors.push({ code: "MFA_FACTORS_FAILED", message: "Each factor must be one of {totp}, {phone}, {email}", path: `mfa_factors[${i}]` });
  });
}

/** The record's email as validateImportRecord accepts it (lower-cased), or undefined. */
export function importRecordEmail(value: unknown): string | undefined {
  if (!isObject(value) || typeof value.email !== "string") return undefined;
  const normalized = value.email.trim().toLowerCase();
  return userEmailSchema.safeParse(normalized).success ? normalized : undefined;
}

/**
 * The record's values, or its errors. `email` is returned even with errors when it is valid, so
 * the caller can track duplicates in the file.
 */
export function validateImportRecord(
  index: number,
  value: unknown,
  rules: DatabaseConnectionRules,
): { ok: true; user: ImportedUser } | { ok: false; errors: RecordError[]; email?: string } {
  if (!isObject(value)) return { ok: false, errors: [{ code: "INVALID_TYPE", message: `Expected type object but found type ${typeOf(value)}`, path: "" }] };
  const errors: RecordError[] = [];
  for (const key of Object.keys(value))
    if (!Object.hasOwn(FIELDS, key)) errors.push({ code: "OBJECT_ADDITIONAL_PROPERTIES", message: `Additional properties not allowed: ${key}`, path: key });

  let email: string | undefined;
  if (value.email === undefined) errors.push({ code: "OBJECT_REQUIRED", message: "Missing required property: email", path: "email" });
  else if (typeof value.email !== "string") errors.push({ code: "INVALID_TYPE", message: `Expected type string but found type ${typeOf(value.email)}`, path: "email" });
  else {
    email = importRecordEmail(value);
    if (email === undefined) errors.push({ code: "FORMAT", message: `Object didn't pass validation for format email: ${value.email.slice(0, 320)}`, path: "email" });
  }

  const userId = stringField(value, "user_id", errors, 1, 255);
  if (userId !== undefined && /\s/.test(userId)) errors.push({ code: "PATTERN", message: "String does not match pattern ^\\S+$", path: "user_id" });

  let username: string | null = null;
  const rawUsername = stringField(value, "username", errors, 1, 128);
  if (rawUsername !== undefined) {
    if (!rules.requires_username) errors.push({ code: "NOT_PASSED", message: "Cannot set username for connection without requires_username.", path: "username" });
    else {
      try {
        username = normalizeUsername(rawUsername, rules);
      } catch (error) {
        errors.push({ code: "PATTERN", message: (error as Error).message, path: "username" });
      }
    }
  } else if (rules.requires_username && value.username === undefined) {
    errors.push({ code: "OBJECT_REQUIRED", message: "Missing required property: username", path: "username" });
  }

  const phoneNumber = stringField(value, "phone_number", errors, 1, 16);
  if (phoneNumber !== undefined && !phoneNumberSchema.safeParse(phoneNumber).success)
    errors.push({ code: "PATTERN", message: "String does not match pattern ^\\+[0-9]{1,15}$", path: "phone_number" });
  const picture = stringField(value, "picture", errors, 1, 2048);
  if (picture !== undefined && !/^https?:\/\/[^\s]+$/i.test(picture))
    errors.push({ code: "FORMAT", message: `Object didn't pass validation for format uri: ${picture.slice(0, 200)}`, path: "picture" });

  const user: ImportedUser = {
    index,
    email: email ?? "",
    providerUserId: userId ?? null,
    username,
    email_verified: booleanField(value, "email_verified", errors),
    phone_number: phoneNumber,
    phone_verified: booleanField(value, "phone_verified", errors),
    given_name: stringField(value, "given_name", errors, 1, 150),
    family_name: stringField(value, "family_name", errors, 1, 150),
    name: stringField(value, "name", errors, 1, 300),
    nickname: stringField(value, "nickname", errors, 1, 300),
    picture,
    blocked: booleanField(value, "blocked", errors),
    app_metadata: metadataField(value, "app_metadata", errors),
    user_metadata: metadataField(value, "user_metadata", errors),
    passwordHash: null,
    customHash: value.custom_password_hash !== undefined,
    masked: maskRecord(value) as Record<string, unknown>,
  };
  checkMfaFactors(value.mfa_factors, errors);

  const imported = importPasswordHash(value);
  if (imported.ok) user.passwordHash = imported.hash;
  else errors.push({ code: imported.code, message: imported.message, path: imported.path });

  if (errors.length > 0) return { ok: false, errors, email };
  return { ok: true, user };
}
