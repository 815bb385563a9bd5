// The home page's activity chart (lib/services/stats/daily-activity.ts): per-UTC-day counts of
// sign-ups (ss), logins (s) and failed logins (f, fp, fu) over a window, zeros for quiet days,
// events outside the window or of other types left out. On SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/client.ts";

let db: Db;
let seq = 0;
const event = (type: string, iso: string) => ({ log_id: `9${String(Date.parse(iso)).padStart(15, "0")}${String(seq++).padStart(14, "0")}`, type, date: new Date(iso) });

beforeAll(async () => {
  const { getDb } = await import("../../lib/db/client.ts");
  db = await getDb();
  await db.logEvent.createMany({
    data: [
      event("ss", "2031-03-01T00:00:00.000Z"),
      event("s", "2031-03-01T23:59:59.999Z"),
      event("s", "2031-03-01T12:00:00.000Z"),
      event("fp", "2031-03-03T08:00:00.000Z"),
      event("fu", "2031-03-03T09:00:00.000Z"),
      event("f", "2031-03-03T10:00:00.000Z"),
      event("fapi", "2031-03-03T10:00:00.000Z"), // not a login
      event("sapi", "2031-03-03T10:00:00.000Z"),
      event("s", "2031-02-27T23:59:59.999Z"), // before the window
      event("s", "2031-03-06T00:00:00.000Z"), // after "now"
    ],
  });
});

describe("daily activity", () => {
  it("counts per UTC day over the window, oldest first", async () => {
    const { getDailyActivity } = await import("../../lib/services/stats/daily-activity.ts");
    const summary = await getDailyActivity(db, { days: 5, now: new Date("2031-03-05T18:00:00Z") });
    expect(summary.days).toEqual([
      { day: "2031-03-01", signups: 1, logins: 2, failed_logins: 0 },
      { day: "2031-03-02", signups: 0, logins: 0, failed_logins: 0 },
      { day: "2031-03-03", signups: 0, logins: 0, failed_logins: 3 },
      { day: "2031-03-04", signups: 0, logins: 0, failed_logins: 0 },
      { day: "2031-03-05", signups: 0, logins: 0, failed_logins: 0 },
    ]);
    expect(summary.totals).toEqual({ signups: 1, logins: 2, failed_logins: 3 });
  });

  it("defaults to 30 days ending today", async () => {
    const { getDailyActivity } = await import("../../lib/services/stats/daily-activity.ts");
    const summary = await getDailyActivity(db);
    expect(summary.days).toHaveLength(30);
    expect(summary.days.at(-1)!.day).toBe(new Date().toISOString().slice(0, 10));
  });

  it("lists the newest events", async () => {
    const { listRecentEvents } = await import("../../lib/services/stats/recent-events.ts");
    const events = await listRecentEvents(db, { kind: "system", reason: "test" }, 3);
    expect(events).toHaveLength(3);
    expect(events[0]!.date).toBe("2031-03-06T00:00:00.000Z");
  });
});
