import { describe, expect, it } from "vitest";
import { EmailSet } from "./email-set.ts";

describe("EmailSet", () => {
  it("reports exactly the repeated emails, across growth", () => {
    const set = new EmailSet();
    for (let i = 0; i < 200_000; i++) expect(set.addAndCheck(`user${i}@example${i % 7}.com`)).toBe(false);
    expect(set.size).toBe(200_000);
    for (let i = 0; i < 200_000; i += 997) expect(set.addAndCheck(`user${i}@example${i % 7}.com`)).toBe(true);
    expect(set.addAndCheck("someone.new@example.com")).toBe(false);
    expect(set.size).toBe(200_001);
  });
});
