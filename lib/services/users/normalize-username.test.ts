import { describe, expect, it } from "vitest";
import { normalizeUsername, usernameLength } from "./normalize-username.ts";

describe("normalizeUsername (auth0-management-api.md §2.6)", () => {
  it("lower-cases an allowed username", () => {
    expect(normalizeUsername("John_Doe-42", {})).toBe("john_doe-42");
    expect(normalizeUsername("a_+-.!#$'^`~@b", { validation: { username: { min: 1, max: 30 } } })).toBe("a_+-.!#$'^`~@b");
  });

  it.each([
    ["empty", ""],
    ["too long for the default 15", "a".repeat(16)],
    ["a space", "a b"],
    ["an accent", "josé"],
    ["a non-Latin letter", "пётр"],
    ["a slash", "a/b"],
    ["an email address", "a@b.co"],
  ])("refuses %s", (_name, username) => {
    expect(() => normalizeUsername(username, {})).toThrow(/on property username/);
  });

  it("uses the connection's limits, bounded to 1-128", () => {
    expect(usernameLength({})).toEqual({ min: 1, max: 15 });
    expect(usernameLength({ validation: { username: { min: 0, max: 500 } } })).toEqual({ min: 1, max: 128 });
    expect(() => normalizeUsername("ab", { validation: { username: { min: 3, max: 10 } } })).toThrow(/between 3 and 10/);
  });
});
