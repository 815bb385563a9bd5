import { describe, expect, it } from "vitest";
import { linkIdentitySchema, metadataKeyIssue, userCreateSchema, userUpdateSchema } from "./users.ts";

describe("metadataKeyIssue (§2.3)", () => {
  it.each([
    [{ a: 1, nested: { "b-c": [1, { d: "e.f" }] } }, undefined],
    [{ "a.b": 1 }, 'Invalid key "a.b"'],
    [{ a: { $b: 1 } }, 'Invalid key "$b"'],
    [{ a: [[{ "x.y": 1 }]] }, 'Invalid key "x.y"'],
    [{ "": 1 }, "must not be empty"],
    [JSON.parse('{"a":{"__proto__":1}}'), "__proto__"],
  ])("%j", (value, problem) => {
    const found = metadataKeyIssue(value);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it("survives very deep nesting without recursion", () => {
    let deep: unknown = { "x.y": 1 };
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(metadataKeyIssue(deep)).toContain("x.y");
  });
});

describe("user schemas", () => {
  it("create is strict and requires connection", () => {
    expect(userCreateSchema.safeParse({ connection: "c", email: "a@b.co" }).success).toBe(true);
    expect(userCreateSchema.safeParse({ email: "a@b.co" }).success).toBe(false);
    expect(userCreateSchema.safeParse({ connection: "c", identities: [] }).success).toBe(false);
  });

  it("update accepts null for removable attributes and refuses read-only ones", () => {
    expect(userUpdateSchema.safeParse({ name: null, picture: null, phone_number: null, username: null }).success).toBe(true);
    expect(userUpdateSchema.safeParse({ blocked: null }).success).toBe(false);
    expect(userUpdateSchema.safeParse({ created_at: "2020-01-01" }).success).toBe(false);
  });

  it("link takes exactly one form", () => {
    expect(linkIdentitySchema.safeParse({ provider: "auth0", user_id: "x" }).success).toBe(true);
    expect(linkIdentitySchema.safeParse({ link_with: "token" }).success).toBe(true);
    expect(linkIdentitySchema.safeParse({ link_with: "token", provider: "auth0" }).success).toBe(false);
    expect(linkIdentitySchema.safeParse({}).success).toBe(false);
  });
});
