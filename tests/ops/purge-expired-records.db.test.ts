// The job runner's purge of expired protocol records (lib/maintenance/purge-expired-records.ts):
// login and MFA transactions, authorization codes and tickets a day after they expire, ended
// rate-limit windows; live ones and those still within the grace period stay.
import { describe, expect, it } from "vitest";
import { getDb } from "../../lib/db/client.ts";
import { EXPIRED_RECORD_GRACE_MS, purgeExpiredRecords } from "../../lib/maintenance/purge-expired-records.ts";
import { createUser } from "../helpers/users.ts";

const HOUR = 3600 * 1000;

describe("purging expired records", () => {
  it("deletes what expired more than a day ago and keeps the rest", async () => {
    const db = await getDb();
    const user = await createUser();
    const userId = user.user_id as string;
    const client = await db.client.findFirstOrThrow({ select: { client_id: true } });
    const connection = await db.connection.findFirstOrThrow({ where: { name: "Username-Password-Authentication" }, select: { id: true } });
    const now = Date.now();
    const long = new Date(now - EXPIRED_RECORD_GRACE_MS - HOUR);
    const recent = new Date(now - HOUR);
    const live = new Date(now + HOUR);

    for (const [suffix, expires] of [["old", long], ["recent", recent], ["live", live]] as const) {
      await db.loginTransaction.create({ data: { id: `lt${suffix}`.padEnd(32, "x"), client_id: client.client_id, request: {}, csrf_secret: "s", expires_at: expires } });
      await db.mfaTransaction.create({ data: { id: `mfa-${suffix}`, user_id: userId, client_id: client.client_id, connection_id: connection.id, identifier: "x", expires_at: expires } });
      await db.authorizationCode.create({ data: { code_hash: `code-${suffix}`, client_id: client.client_id, user_id: userId, redirect_uri: "https://app.example.com/cb", grant: {}, expires_at: expires } });
      await db.ticket.create({ data: { id: `ticket-${suffix}`, kind: "password_change", token_hash: `hash-${suffix}`, user_id: userId, data: {}, expires_at: expires } });
      await db.rateCounter.create({ data: { key: `purge-test:${suffix}`, count: 3, reset_at: expires } });
    }

    const deleted = await purgeExpiredRecords(db);
    expect(deleted).toMatchObject({ login_transactions: 1, mfa_transactions: 1, authorization_codes: 1, tickets: 1 });
    // Ended windows go at once (an ended window counts as zero already).
    expect(deleted.rate_counters).toBeGreaterThanOrEqual(2);

    expect((await db.loginTransaction.findMany({ where: { id: { startsWith: "lt" } }, select: { id: true } })).map((r) => r.id.replace(/x+$/, "")).sort()).toEqual(["ltlive", "ltrecent"]);
    expect((await db.mfaTransaction.findMany({ where: { id: { startsWith: "mfa-" } }, select: { id: true } })).map((r) => r.id).sort()).toEqual(["mfa-live", "mfa-recent"]);
    expect((await db.authorizationCode.findMany({ where: { code_hash: { startsWith: "code-" } }, select: { code_hash: true } })).map((r) => r.code_hash).sort()).toEqual(["code-live", "code-recent"]);
    expect((await db.ticket.findMany({ where: { id: { startsWith: "ticket-" } }, select: { id: true } })).map((r) => r.id).sort()).toEqual(["ticket-live", "ticket-recent"]);
    expect((await db.rateCounter.findMany({ where: { key: { startsWith: "purge-test:" } }, select: { key: true } })).map((r) => r.key)).toEqual(["purge-test:live"]);

    // A backlog larger than a chunk (1,000 rows a statement) goes in one run.
    await db.rateCounter.createMany({ data: Array.from({ length: 2_500 }, (_, i) => ({ key: `purge-backlog:${i}`, count: 1, reset_at: long })) });
    expect((await purgeExpiredRecords(db)).rate_counters).toBe(2_500);
    expect(await db.rateCounter.count({ where: { key: { startsWith: "purge-backlog:" } } })).toBe(0);

    // Nothing left to do: a second run deletes nothing.
    expect(await purgeExpiredRecords(db)).toMatchObject({ login_transactions: 0, mfa_transactions: 0, authorization_codes: 0, tickets: 0 });
  });
});
