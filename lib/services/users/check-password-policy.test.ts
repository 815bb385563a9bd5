import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS_COUNT, commonPasswords } from "../../passwords/common-passwords.ts";
import { checkPasswordPolicy } from "./check-password-policy.ts";

describe("checkPasswordPolicy", () => {
  it("loads the 10,000 most common passwords, lower-cased", async () => {
    const list = await commonPasswords();
    expect(list.size).toBeLessThanOrEqual(COMMON_PASSWORDS_COUNT);
    expect(list.size).toBeGreaterThan(9_900);
    expect(list.has("password1")).toBe(true);
    expect(await commonPasswords()).toBe(list);
  });

  it.each([
    ["strength first", "abc", { passwordPolicy: "good" as const, password_dictionary: { enable: true } }, /^PasswordStrengthError: Password is too weak/],
    ["a common password (any case) with the dictionary on", "PassWord1", { passwordPolicy: "fair" as const, password_dictionary: { enable: true } }, /^PasswordDictionaryError: Password is too common$/],
    ["the connection's own words", "Tr0ub4dor&3", { password_dictionary: { enable: true, dictionary: ["tr0ub4dor&3"] } }, /^PasswordDictionaryError/],
    ["personal information", "Dupont-1234!", { password_no_personal_info: { enable: true } }, /^PasswordNoUserInfoError: Password contains user information$/],
  ])("refuses %s", async (_name, password, options, message) => {
    await expect(checkPasswordPolicy(password, options, { name: "Dupont" })).rejects.toMatchObject({ status: 400, errorCode: "password_strength_error", message: expect.stringMatching(message) });
  });

  it("accepts a common password when the dictionary is off", async () => {
    await expect(checkPasswordPolicy("PassWord1", { passwordPolicy: "fair" }, {})).resolves.toBeUndefined();
  });
});
