import { describe, expect, it } from "vitest";
import { randomAlphanumeric, randomHex, randomToken, secureRandomBytes } from "./random.ts";

describe("random values", () => {
  it("hands out pooled bytes once: across pool refills, no two draws repeat", () => {
    const seen = new Set<string>();
    // 16 bytes × 2,000 draws = 32 KB: four pool refills.
    for (let i = 0; i < 2_000; i++) {
      const bytes = secureRandomBytes(16);
      expect(bytes).toHaveLength(16);
      seen.add(bytes.toString("hex"));
    }
    expect(seen.size).toBe(2_000);
  });

  it("returns copies, so a caller changing its bytes changes nothing else", () => {
    const a = secureRandomBytes(32);
    const copy = Buffer.from(a);
    a.fill(0);
    expect(secureRandomBytes(32).equals(copy)).toBe(false);
    expect(copy.some((b) => b !== 0)).toBe(true);
  });

  it("serves large requests directly", () => {
    expect(secureRandomBytes(10_000)).toHaveLength(10_000);
  });

  it("makes identifiers of the asked length and alphabet, roughly uniform", () => {
    const text = Array.from({ length: 500 }, () => randomAlphanumeric(40)).join("");
    expect(text).toMatch(/^[A-Za-z0-9]+$/);
    expect(text).toHaveLength(20_000);
    const counts = new Map<string, number>();
    for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 20,000 / 62 ≈ 323 per character.
    for (const n of counts.values()) expect(n).toBeGreaterThan(200);
    expect(randomHex(7)).toMatch(/^[0-9a-f]{7}$/);
    expect(Buffer.from(randomToken(32), "base64url")).toHaveLength(32);
  });
});
