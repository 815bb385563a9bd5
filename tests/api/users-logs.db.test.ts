// GET /api/v2/users/{id}/logs (auth0-management-api.md §3.9), on SQLite and PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { newLogId } from "../../lib/crypto/ids.ts";
import { managementToken } from "../helpers/tokens.ts";
import { api, createUser, db, userPath, type Json } from "../helpers/users.ts";

let userId: string;
const logIds: string[] = [];

beforeAll(async () => {
  const user = await createUser({ verify_email: false });
  userId = user.user_id as string;
  const database = await db();
  const base = Date.UTC(2030, 0, 1);
  // Five events an hour apart (oldest first), and one of someone else.
  for (let i = 0; i < 5; i++) {
    const date = new Date(base + i * 3600_000);
    const logId = newLogId(date);
    logIds.push(logId);
    await database.logEvent.create({ data: { log_id: logId, date, type: i % 2 ? "f" : "s", user_id: userId, user_name: user.email as string, description: `event ${i}` } });
  }
  await database.logEvent.create({ data: { log_id: newLogId(), date: new Date(base), type: "s", user_id: "auth0|someone-else" } });
});

const path = () => `${userPath(userId)}/logs`;

describe("GET /api/v2/users/{id}/logs", () => {
  it("lists the user's events newest first, in Auth0's Log shape", async () => {
    const r = await api("GET", path());
    expect(r.status).toBe(200);
    const logs = r.body as Json[];
    expect(logs.map((l) => l.log_id)).toEqual([...logIds].reverse());
    expect(logs[0]).toMatchObject({ type: "s", description: "event 4", user_id: userId, isMobile: false });
    expect(logs.every((l) => l.user_id === userId)).toBe(true);
  });

  it("sorts oldest first with sort=date:1", async () => {
    const r = await api("GET", `${path()}?sort=date:1`);
    expect((r.body as Json[]).map((l) => l.log_id)).toEqual(logIds);
  });

  it("pages, with the { start, limit, length, total, logs } envelope for include_totals", async () => {
    const r = await api("GET", `${path()}?page=1&per_page=2&include_totals=true`);
    expect(r.body).toMatchObject({ start: 2, limit: 2, length: 2, total: 5 });
    expect((r.body.logs as Json[]).map((l) => l.log_id)).toEqual([logIds[2], logIds[1]]);
    const past = await api("GET", `${path()}?page=9&per_page=2&include_totals=true`);
    expect(past.body).toMatchObject({ start: 18, limit: 2, length: 0, total: 5, logs: [] });
  });

  it("answers an empty list for an id without events (events outlive users: no 404)", async () => {
    expect(await api("GET", "/users/auth0%7Cnever-existed/logs")).toMatchObject({ status: 200, body: [] });
  });

  it.each(["sort=user_id:1", "sort=date", "per_page=101", "per_page=0", "page=-1", "include_totals=yes"])("refuses %s (400 invalid_query_string)", async (query) => {
    const r = await api("GET", `${path()}?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("invalid_query_string");
  });

  it("accepts read:logs or read:logs_users, nothing else", async () => {
    expect((await api("GET", path(), undefined, await managementToken("read:logs_users"))).status).toBe(200);
    expect((await api("GET", path(), undefined, await managementToken("read:logs"))).status).toBe(200);
    const r = await api("GET", path(), undefined, await managementToken("read:users"));
    expect(r.status).toBe(403);
    expect(r.body.message).toBe("Insufficient scope, expected any of: read:logs,read:logs_users");
  });
});
