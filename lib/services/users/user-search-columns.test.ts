import { describe, expect, it } from "vitest";
import { newSearchKey } from "./user-search-columns.ts";

describe("newSearchKey", () => {
  it("increases within a process, also across seconds and when the clock steps back", () => {
    const t = Date.UTC(2026, 10, 26, 12, 0, 0);
    const keys = [newSearchKey(t), newSearchKey(t), newSearchKey(t + 10), newSearchKey(t + 1500), newSearchKey(t - 60_000), newSearchKey(t + 1600)];
    for (let i = 1; i < keys.length; i++) expect(keys[i]! > keys[i - 1]!).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("is positive, below 2^52, and starts each second at its own range", () => {
    const t = Date.UTC(2030, 0, 1);
    const first = newSearchKey(t);
    expect(first > 0n && first < 1n << 52n).toBe(true);
    expect(first >> 20n).toBe(BigInt(Math.floor(t / 1000)));
    expect(Number(first)).toBe(Number(first.toString()));
  });

  it("borrows the next second rather than repeating a key when one second runs out", () => {
    const t = Date.UTC(2031, 0, 1);
    let last = newSearchKey(t);
    for (let i = 0; i < (1 << 20) + 10; i++) {
      const key = newSearchKey(t);
      if (key <= last) throw new Error(`key ${key} after ${last}`);
      last = key;
    }
    expect(last >> 20n).toBe(BigInt(Math.floor(t / 1000)) + 1n);
  });
});
