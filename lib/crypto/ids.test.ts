import { describe, expect, it } from "vitest";
import { newLogId, newSortableInternalId } from "./ids.ts";

describe("newSortableInternalId", () => {
  it("is 20 alphanumerics and increases with every id of the process", () => {
    const ids = Array.from({ length: 20_000 }, () => newSortableInternalId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{13}[0-9A-Za-z]{7}$/);
    for (let i = 1; i < ids.length; i++) if (!(ids[i]! > ids[i - 1]!)) throw new Error(`${ids[i]} after ${ids[i - 1]}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("starts with the time, so ids of later writes sort after earlier ones", () => {
    const before = Date.now();
    const id = newSortableInternalId();
    expect(parseInt(id.slice(0, 9), 36)).toBeGreaterThanOrEqual(before);
  });
});

describe("newLogId", () => {
  it("sorts like its date", () => {
    expect(newLogId(new Date("2026-01-01T00:00:00Z")) < newLogId(new Date("2026-01-01T00:00:00.001Z"))).toBe(true);
  });
});
