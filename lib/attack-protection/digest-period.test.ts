import { describe, expect, it } from "vitest";
import { describePeriod, lastCompletedPeriod, type DigestFrequency } from "./digest-period.ts";

const at = (iso: string) => new Date(iso);
const period = (frequency: DigestFrequency, now: string) => {
  const p = lastCompletedPeriod(frequency, at(now));
  return [p.start.toISOString(), p.end.toISOString(), describePeriod(p)];
};

describe("lastCompletedPeriod (UTC)", () => {
  it.each([
    // daily: yesterday, once today is a minute old
    ["daily", "2026-11-25T10:00:00Z", "2026-11-24T00:00:00.000Z", "2026-11-25T00:00:00.000Z", "2026-11-24"],
    ["daily", "2026-11-25T00:00:30Z", "2026-11-23T00:00:00.000Z", "2026-11-24T00:00:00.000Z", "2026-11-23"],
    ["daily", "2026-11-25T00:01:00Z", "2026-11-24T00:00:00.000Z", "2026-11-25T00:00:00.000Z", "2026-11-24"],
    ["daily", "2027-01-01T06:00:00Z", "2026-12-31T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "2026-12-31"],
    // weekly: the ISO week (Monday to Monday) before the current one; 2026-11-23 is a Monday
    ["weekly", "2026-11-25T10:00:00Z", "2026-11-16T00:00:00.000Z", "2026-11-23T00:00:00.000Z", "2026-11-16 to 2026-11-22"],
    ["weekly", "2026-11-23T00:02:00Z", "2026-11-16T00:00:00.000Z", "2026-11-23T00:00:00.000Z", "2026-11-16 to 2026-11-22"],
    ["weekly", "2026-11-22T23:59:00Z", "2026-11-09T00:00:00.000Z", "2026-11-16T00:00:00.000Z", "2026-11-09 to 2026-11-15"],
    ["weekly", "2026-11-29T12:00:00Z", "2026-11-16T00:00:00.000Z", "2026-11-23T00:00:00.000Z", "2026-11-16 to 2026-11-22"],
    // monthly: the previous calendar month, across a year's end
    ["monthly", "2026-11-25T10:00:00Z", "2026-10-01T00:00:00.000Z", "2026-11-01T00:00:00.000Z", "October 2026"],
    ["monthly", "2027-01-01T00:05:00Z", "2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "December 2026"],
    ["monthly", "2027-01-01T00:00:10Z", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z", "November 2026"],
    ["monthly", "2028-03-15T00:00:00Z", "2028-02-01T00:00:00.000Z", "2028-03-01T00:00:00.000Z", "February 2028"],
  ] as const)("%s at %s → [%s, %s)", (frequency, now, start, end, label) => {
    expect(period(frequency, now)).toEqual([start, end, label]);
  });
});
