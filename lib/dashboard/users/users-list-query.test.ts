import { describe, expect, it } from "vitest";
import { parseQuery } from "../../search/parse-query.ts";
import { looksLikeQuery, parseUsersListState, plainTextQuery, searchPlan, usersListHref } from "./users-list-query.ts";

describe("users list query", () => {
  it.each([
    ["jane", false],
    ["Jane Smith", false],
    ["jane@example.com", false],
    ["auth0|abc123", false],
    ["email:jane@example.com", true],
    ['name:"Jane Smith"', true],
    ["jane*", true],
    ["a OR b", true],
    ["(a)", true],
    ["-blocked", true],
  ])("%s is a query: %s", (text, expected) => {
    expect(looksLikeQuery(text)).toBe(expected);
  });

  it.each(["jane", "Jane Smith", "jane@example.com", "o'brien (x)", "ab", "auth0|abc", '"quote\\', "日本語"])("plain text %s parses", (text) => {
    expect(() => parseQuery(plainTextQuery(text))).not.toThrow();
  });

  it("uses a prefix under three characters", () => {
    expect(plainTextQuery("ab")).toContain("email:ab*");
    expect(plainTextQuery("abc")).toContain("email:*abc*");
  });

  it("combines text and filters", () => {
    const state = parseUsersListState({ q: "jane", blocked: "yes", verified: "no", connection: "db", sort: "email:desc", page: "3", per_page: "50" });
    const plan = searchPlan(state);
    expect(plan.mode).toBe("text");
    expect(plan.q).toMatch(/^\(email:\*jane\*.*\) AND blocked:true AND NOT email_verified:true$/);
    expect(plan.connection).toBe("db");
    expect(plan.sort).toEqual({ field: "email", direction: "desc" });
    expect(() => parseQuery(plan.q!)).not.toThrow();
    expect(usersListHref(state, { page: 4 })).toBe("/dashboard/users?q=jane&connection=db&blocked=yes&verified=no&sort=email%3Adesc&page=4&per_page=50");
  });

  it("ignores unknown sorts and bad numbers", () => {
    const state = parseUsersListState({ sort: "password:asc", page: "-4", per_page: "7" });
    expect(state.sort).toBeNull();
    expect(state.page).toBe(1);
    expect(state.perPage).toBe(25);
    expect(searchPlan(state)).toMatchObject({ q: undefined, mode: "all" });
  });
});
