// The setup form's schema: the same checks run in the browser and in the server action.
import { describe, expect, it } from "vitest";
import { pickPasswordPolicy, setupSchema } from "./setup.ts";

// The operators' connection policy as bootstrap creates it (lib/boot/bootstrap.ts).
const OPERATOR_POLICY = pickPasswordPolicy({
  passwordPolicy: "good",
  password_complexity_options: { min_length: 12 },
  password_dictionary: { enable: true, dictionary: ["gatehouse-admin-1"] },
  password_no_personal_info: { enable: true },
  password_history: { enable: true, size: 5 },
  disable_signup: true,
});

function errors(input: Record<string, string>) {
  const result = setupSchema(OPERATOR_POLICY).safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
}

const good = { email: " Ops@Example.com ", password: "Correct-Horse-9-battery", confirm_password: "Correct-Horse-9-battery" };

describe("setupSchema", () => {
  it("accepts a valid submission and trims the email", () => {
    const result = setupSchema(OPERATOR_POLICY).parse(good);
    expect(result.email).toBe("Ops@Example.com");
  });

  it.each([
    [{ ...good, email: "" }, "email", /Enter your email/],
    [{ ...good, email: "not-an-email" }, "email", /valid email/],
    [{ ...good, password: "", confirm_password: "" }, "password", /Choose a password/],
    [{ ...good, password: "Short-1a", confirm_password: "Short-1a" }, "password", /at least 12 characters/],
    [{ ...good, password: "alllowercaseletters", confirm_password: "alllowercaseletters" }, "password", /at least 3 of/],
    [{ ...good, password: "GATEHOUSE-admin-1", confirm_password: "GATEHOUSE-admin-1" }, "password", /not a common or forbidden/],
    [{ ...good, email: "jonathan@example.com", password: "Jonathan-2030-x", confirm_password: "Jonathan-2030-x" }, "password", /does not contain your name/],
    [{ ...good, confirm_password: "Correct-Horse-9-batteri" }, "confirm_password", /do not match/],
    [{ ...good, confirm_password: "" }, "confirm_password", /Type the password again/],
  ])("%j -> error on %s", (input, field, message) => {
    expect(errors(input)[field]).toMatch(message);
  });

  it("passes only the policy fields to the browser", () => {
    expect(Object.keys(OPERATOR_POLICY).sort()).toEqual(["passwordPolicy", "password_complexity_options", "password_dictionary", "password_no_personal_info"]);
  });
});
