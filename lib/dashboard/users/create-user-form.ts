// The dashboard's "Create user" form: its values, and how they become the Management API's
// create-user input, validated by the API's own schema (lib/schemas/users.ts userCreateSchema), so
// the form and POST /api/v2/users refuse the same things. Used by the client form (as its
// react-hook-form resolver) and again by the server action.
import { userCreateSchema, type UserCreateInput } from "../../schemas/users.ts";
import { parseMetadataText } from "./metadata-text.ts";

export type CreateUserFormValues = {
  connection: string;
  email: string;
  username: string;
  password: string;
  name: string;
  email_verified: boolean;
  verify_email: boolean;
  user_metadata: string;
  app_metadata: string;
  /** Operators' connection only: grant the operator role at once. */
  make_operator: boolean;
};

export type CreateUserField = keyof CreateUserFormValues;

export const EMPTY_CREATE_USER_FORM: CreateUserFormValues = {
  connection: "",
  email: "",
  username: "",
  password: "",
  name: "",
  email_verified: false,
  verify_email: true,
  user_metadata: "",
  app_metadata: "",
  make_operator: false,
};

export function toCreateUserInput(values: CreateUserFormValues): { input?: UserCreateInput; errors: Partial<Record<CreateUserField, string>> } {
  const errors: Partial<Record<CreateUserField, string>> = {};
  if (!values.connection) errors.connection = "Choose a connection.";
  if (!values.email.trim()) errors.email = "Enter an email address.";
  if (!values.password) errors.password = "Enter a password.";
  const userMetadata = parseMetadataText("user_metadata", values.user_metadata);
  const appMetadata = parseMetadataText("app_metadata", values.app_metadata);
  if (userMetadata.error) errors.user_metadata = userMetadata.error;
  if (appMetadata.error) errors.app_metadata = appMetadata.error;
  const payload: Record<string, unknown> = {
    connection: values.connection,
    email: values.email.trim(),
    password: values.password,
    email_verified: values.email_verified,
    verify_email: values.email_verified ? false : values.verify_email,
  };
  if (values.username.trim()) payload.username = values.username.trim();
  if (values.name.trim()) payload.name = values.name.trim();
  if (userMetadata.value) payload.user_metadata = userMetadata.value;
  if (appMetadata.value) payload.app_metadata = appMetadata.value;
  const result = userCreateSchema.safeParse(payload);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? "") as CreateUserField;
      const key: CreateUserField = field in EMPTY_CREATE_USER_FORM ? field : "email";
      errors[key] ??= field === "email" ? "Enter a valid email address, e.g. jane@example.com" : issue.message;
    }
  }
  if (Object.keys(errors).length) return { errors };
  return { input: result.data as UserCreateInput, errors };
}
