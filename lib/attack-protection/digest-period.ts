// The periods admin notification digests summarize, in UTC: a day (00:00 to 00:00), an ISO week
// (Monday 00:00 to the next Monday) or a calendar month. A digest covers a period once it has
// ended, plus a minute so the log events written in its last instant are committed.
export type DigestFrequency = "daily" | "weekly" | "monthly";
export const DIGEST_FREQUENCIES: readonly DigestFrequency[] = ["daily", "weekly", "monthly"];

export type DigestPeriod = { frequency: DigestFrequency; start: Date; end: Date };

const DAY_MS = 86_400_000;
/** How long after its end a period is summarized. */
export const DIGEST_SETTLE_MS = 60_000;

/** The latest period of this frequency that has ended (by DIGEST_SETTLE_MS) at `now`. */
export function lastCompletedPeriod(frequency: DigestFrequency, now: Date): DigestPeriod {
  const t = new Date(now.getTime() - DIGEST_SETTLE_MS);
  const today = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
  if (frequency === "daily") return { frequency, start: new Date(today - DAY_MS), end: new Date(today) };
  if (frequency === "weekly") {
    const sinceMonday = (t.getUTCDay() + 6) % 7;
    const end = today - sinceMonday * DAY_MS;
    return { frequency, start: new Date(end - 7 * DAY_MS), end: new Date(end) };
  }
  return { frequency, start: new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, 1)), end: new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1)) };
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** How an email names the period: `2026-11-25`, `2026-11-16 to 2026-11-22`, `November 2026`. */
export function describePeriod(period: DigestPeriod): string {
  if (period.frequency === "daily") return isoDay(period.start);
  if (period.frequency === "weekly") return `${isoDay(period.start)} to ${isoDay(new Date(period.end.getTime() - DAY_MS))}`;
  return `${MONTHS[period.start.getUTCMonth()]} ${period.start.getUTCFullYear()}`;
}
