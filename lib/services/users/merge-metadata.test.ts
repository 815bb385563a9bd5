import { describe, expect, it } from "vitest";
import { assertMetadataSize, mergeMetadata } from "./merge-metadata.ts";

describe("mergeMetadata (auth0-management-api.md §2.4)", () => {
  it.each([
    ["adds and replaces top-level keys", { a: 1, b: 2 }, { b: 3, c: 4 }, { a: 1, b: 3, c: 4 }],
    ["replaces nested objects whole", { addresses: { home: "H", work: "W" } }, { addresses: { work: "W2" } }, { addresses: { work: "W2" } }],
    ["deletes keys set to null", { a: 1, b: 2 }, { a: null }, { b: 2 }],
    ["ignores null for absent keys", { a: 1 }, { z: null }, { a: 1 }],
    ["clears everything with {}", { a: 1, b: { c: 2 } }, {}, {}],
    ["replaces arrays whole", { tags: [1, 2] }, { tags: [3] }, { tags: [3] }],
    ["keeps nulls inside nested values", { a: 1 }, { b: { c: null } }, { a: 1, b: { c: null } }],
    ["treats a stored non-object as empty", "garbage", { a: 1 }, { a: 1 }],
  ])("%s", (_name, stored, patch, expected) => {
    expect(mergeMetadata(stored, patch as Record<string, unknown>)).toEqual(expected);
  });

  it("never touches a prototype, even through a hostile key", () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as Record<string, unknown>;
    const merged = mergeMetadata({}, patch);
    expect(Object.keys(merged)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("does not change the stored object", () => {
    const stored = { a: 1 };
    mergeMetadata(stored, { a: 2 });
    expect(stored).toEqual({ a: 1 });
  });
});

describe("assertMetadataSize", () => {
  it("accepts 16 KB of JSON and refuses one byte more, counting UTF-8 bytes", () => {
    const fits = { k: "x".repeat(16 * 1024 - '{"k":""}'.length) };
    expect(() => assertMetadataSize("user_metadata", fits)).not.toThrow();
    expect(() => assertMetadataSize("user_metadata", { k: `${fits.k}x` })).toThrow(/user_metadata is too large: 16385 bytes/);
    expect(() => assertMetadataSize("app_metadata", { k: "é".repeat(8200) })).toThrow(/app_metadata is too large/);
  });
});
