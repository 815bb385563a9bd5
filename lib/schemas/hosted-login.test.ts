// The hosted login and signup forms' schemas: the same checks run in the browser and in the
// server actions (the users service re-checks everything on the server).
import { describe, expect, it } from "vitest";
import { loginSchema, signupSchema, type SignupRules } from "./hosted-login.ts";

const RULES: SignupRules = {
  passwordPolicy: { passwordPolicy: "good", password_complexity_options: { min_length: 8 } },
  requiresUsername: false,
  usernameLength: { min: 1, max: 15 },
};

/** The first message per field, as the forms and the server actions show them. */
function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[String(issue.path[0])] ??= issue.message;
  return out;
}

describe("loginSchema", () => {
  it("trims the identifier and asks for what is missing, naming usernames only when accepted", () => {
    expect(loginSchema(false).parse({ identifier: "  a@b.co ", password: " p " })).toEqual({ identifier: "a@b.co", password: " p " });
    expect(issues(loginSchema(false).safeParse({ identifier: " ", password: "" }))).toEqual({ identifier: "Enter your email address", password: "Enter your password" });
    expect(issues(loginSchema(true).safeParse({ identifier: "", password: "x" }))).toEqual({ identifier: "Enter your email address or username" });
    expect(issues(loginSchema(true).safeParse({ identifier: "x".repeat(321), password: "x" })).identifier).toMatch(/too long/);
  });
});

describe("signupSchema", () => {
  const good = { email: " New@Example.com ", username: "", password: "Tr1cky-Harbour" };

  it("accepts a valid signup", () => {
    expect(signupSchema(RULES).parse(good).email).toBe("New@Example.com");
  });

  it.each([
    [{ ...good, email: "" }, "email", /Enter your email/],
    [{ ...good, email: "not-an-email" }, "email", /valid email/],
    [{ ...good, password: "" }, "password", /Choose a password/],
    [{ ...good, password: "short" }, "password", /at least 8 characters/],
    [{ ...good, password: "alllowercase" }, "password", /at least 3 of/],
  ])("refuses %j on %s", (input, field, message) => {
    expect(issues(signupSchema(RULES).safeParse(input))[field]).toMatch(message);
  });

  it("requires a username with the connection's length and characters when requires_username", () => {
    const rules = { ...RULES, requiresUsername: true, usernameLength: { min: 3, max: 6 } };
    expect(issues(signupSchema(rules).safeParse(good)).username).toBe("Choose a username");
    expect(issues(signupSchema(rules).safeParse({ ...good, username: "ab" })).username).toMatch(/at least 3/);
    expect(issues(signupSchema(rules).safeParse({ ...good, username: "abcdefg" })).username).toMatch(/at most 6/);
    expect(issues(signupSchema(rules).safeParse({ ...good, username: "a b c" })).username).toMatch(/may contain only/);
    expect(signupSchema(rules).parse({ ...good, username: "olive" }).username).toBe("olive");
  });

  it("applies the personal-information rule with the email and username typed", () => {
    const rules = { ...RULES, passwordPolicy: { ...RULES.passwordPolicy, password_no_personal_info: { enable: true } } };
    expect(issues(signupSchema(rules).safeParse({ ...good, email: "harbour@example.com" })).password).toMatch(/does not contain your name/i);
  });
});
