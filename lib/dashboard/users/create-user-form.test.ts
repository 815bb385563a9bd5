import { describe, expect, it } from "vitest";
import { EMPTY_CREATE_USER_FORM, toCreateUserInput } from "./create-user-form.ts";
import { parseMetadataText } from "./metadata-text.ts";

const form = (changes: Partial<typeof EMPTY_CREATE_USER_FORM>) => ({ ...EMPTY_CREATE_USER_FORM, connection: "db", email: "jane@example.com", password: "pw", ...changes });

describe("the create-user form", () => {
  it("becomes the API's create input", () => {
    const { input, errors } = toCreateUserInput(form({ name: " Jane ", user_metadata: '{"plan":"pro"}', verify_email: false }));
    expect(errors).toEqual({});
    expect(input).toEqual({ connection: "db", email: "jane@example.com", password: "pw", email_verified: false, verify_email: false, name: "Jane", user_metadata: { plan: "pro" } });
  });

  it("puts each problem on its field", () => {
    const { input, errors } = toCreateUserInput(form({ connection: "", email: "not-an-email", password: "", user_metadata: "{", app_metadata: '{"email":1}' }));
    expect(input).toBeUndefined();
    expect(errors.connection).toBe("Choose a connection.");
    expect(errors.email).toMatch(/valid email/);
    expect(errors.password).toBe("Enter a password.");
    expect(errors.user_metadata).toMatch(/^Not valid JSON/);
    expect(errors.app_metadata).toMatch(/reserved/);
  });

  it.each([
    ["[]", "Expected type object but found type array"],
    ['{"a.b":1}', 'must not contain "." or "$"'],
    ['{"__proto__":{"x":1}}', "__proto__"],
  ])("metadata %s is refused", (text, message) => {
    expect(parseMetadataText("user_metadata", text).error).toContain(message);
  });

  it("reads blank metadata as nothing, or as {} for the editor", () => {
    expect(parseMetadataText("user_metadata", "  ")).toEqual({});
    expect(parseMetadataText("user_metadata", "  ", true)).toEqual({ value: {} });
  });
});
