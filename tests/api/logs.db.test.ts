// GET /api/v2/logs and /api/v2/logs/{id}: search (the §9.3 query language), paging, sorting,
// projection, checkpoint reading, and the official SDKs. Runs on SQLite and PostgreSQL: every
// search assertion here must hold identically on both (case-sensitivity and wildcard escaping are
// where the two databases differ natively).
//
// Tests in this file share one database (which already holds the bootstrap's events), so each test
// seeds its own events under a unique client_id and searches within it. Events carry a
// `details.label` (not searchable) so assertions can name them.
import { ManagementClient as ManagementClientV4 } from "auth0-v4";
import { ManagementClient as ManagementClientV7 } from "auth0-v7";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db, Prisma } from "../../lib/db/client.ts";
import { appFetch, call } from "../helpers/app.ts";
import { managementToken } from "../helpers/tokens.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_DOMAIN } from "../setup/test-env.ts";

type Seed = Omit<Prisma.LogEventCreateManyInput, "date" | "log_id" | "type" | "client_id" | "details"> & {
  label: string;
  date?: string;
  log_id?: string;
  type?: string;
};

let token: string;
let db: Db;
let newLogId: (date?: Date) => string;

beforeAll(async () => {
  token = await managementToken();
  db = await (await import("../../lib/db/client.ts")).getDb();
  newLogId = (await import("../../lib/crypto/ids.ts")).newLogId;
});

const marker = () => `logs-test-${crypto.randomUUID()}`;

/** Inserts events under `clientId`; returns their log_ids by label. */
async function seed(clientId: string, events: Seed[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const data = events.map(({ label, date, log_id, type, ...rest }) => {
    const when = new Date(date ?? "2024-05-17T10:00:00.000Z");
    const id = log_id ?? newLogId(when);
    ids[label] = id;
    return { ...rest, log_id: id, date: when, type: type ?? "s", client_id: clientId, details: { label } };
  });
  await db.logEvent.createMany({ data });
  return ids;
}

/** `bearer` null sends no Authorization header. */
async function api(path: string, bearer: string | null = token) {
  const response = await call("GET", `/api/v2${path}`, { token: bearer ?? undefined });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const labels = (logs: readonly unknown[]) => logs.map((log) => (log as { details?: { label?: string } }).details?.label);

/** Labels of the events of `clientId` that `q` matches, in response order (date desc by default). */
async function search(clientId: string, q: string, extra = ""): Promise<string[]> {
  const scoped = `client_id:"${clientId}" AND (${q})`;
  const r = await api(`/logs?per_page=100&q=${encodeURIComponent(scoped)}${extra}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return labels(r.body) as string[];
}

const sorted = (values: string[]) => [...values].sort();

describe("GET /api/v2/logs/{id}", () => {
  it("returns the event in Auth0's Log shape, leaving out what the event does not have", async () => {
    const m = marker();
    const ids = await seed(m, [
      {
        label: "full",
        date: "2024-05-17T10:11:12.345Z",
        type: "fp",
        description: "Wrong password",
        client_name: "My App",
        connection: "Username-Password-Authentication",
        connection_id: "con_0123456789abcdef",
        ip: "203.0.113.9",
        hostname: "gatehouse.test",
        user_id: "auth0|abc",
        user_name: "alice@example.com",
        audience: "https://api.example.com/",
        scope: "openid profile",
        strategy: "auth0",
        strategy_type: "database",
        user_agent: "Mozilla/5.0",
        is_mobile: true,
      },
      { label: "sparse" },
    ]);
    const full = await api(`/logs/${ids.full}`);
    expect(full.status).toBe(200);
    expect(full.body).toEqual({
      date: "2024-05-17T10:11:12.345Z",
      type: "fp",
      description: "Wrong password",
      connection: "Username-Password-Authentication",
      connection_id: "con_0123456789abcdef",
      client_id: m,
      client_name: "My App",
      ip: "203.0.113.9",
      hostname: "gatehouse.test",
      user_id: "auth0|abc",
      user_name: "alice@example.com",
      audience: "https://api.example.com/",
      scope: "openid profile",
      strategy: "auth0",
      strategy_type: "database",
      log_id: ids.full,
      isMobile: true,
      details: { label: "full" },
      user_agent: "Mozilla/5.0",
    });
    const sparse = await api(`/logs/${ids.sparse}`);
    expect(sparse.body).toEqual({
      date: "2024-05-17T10:00:00.000Z",
      type: "s",
      description: null,
      client_id: m,
      log_id: ids.sparse,
      isMobile: false,
      details: { label: "sparse" },
    });
  });

  it("answers 404 inexistent_log for an unknown id, and 4xx for odd ids", async () => {
    const missing = await api("/logs/90000000000000000000000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ statusCode: 404, error: "Not Found", message: "The log event does not exist", errorCode: "inexistent_log" });
    for (const id of ["not-a-log-id", "%27%20OR%201%3D1%20--", "%E2%9C%93", "..%2F..%2Fclients"]) {
      expect((await api(`/logs/${id}`)).status).toBe(404);
    }
    const tooLong = await api(`/logs/${"9".repeat(300)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errorCode).toBe("invalid_uri");
  });
});

describe("GET /api/v2/logs: paging, sorting, projection", () => {
  it("pages with offset envelopes {start, limit, length, total, logs}, and past the end", async () => {
    const m = marker();
    await seed(
      m,
      ["a", "b", "c", "d", "e"].map((label, i) => ({ label, date: `2024-01-0${i + 1}T00:00:00.000Z` })),
    );
    const q = `&q=${encodeURIComponent(`client_id:"${m}"`)}`;
    const first = await api(`/logs?page=0&per_page=2&include_totals=true${q}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ start: 0, limit: 2, length: 2, total: 5 });
    expect(labels(first.body.logs)).toEqual(["e", "d"]);
    const last = await api(`/logs?page=2&per_page=2&include_totals=true${q}`);
    expect(last.body).toMatchObject({ start: 4, limit: 2, length: 1, total: 5 });
    expect(labels(last.body.logs)).toEqual(["a"]);
    const past = await api(`/logs?page=3&per_page=2&include_totals=true${q}`);
    expect(past.body).toEqual({ start: 6, limit: 2, length: 0, total: 5, logs: [] });
    const farPast = await api(`/logs?page=1000000&per_page=100&include_totals=true${q}`);
    expect(farPast.body).toMatchObject({ length: 0, total: 5, logs: [] });

    const bare = await api(`/logs?per_page=2${q}`);
    expect(labels(bare.body)).toEqual(["e", "d"]);
    const all = await api(`/logs?include_totals=true`);
    expect(all.body.limit).toBe(50);
    expect(all.body.total).toBeGreaterThanOrEqual(5);
  });

  it("counts every match: Gatehouse has no 1000-result cap", async () => {
    const m = marker();
    await seed(m, Array.from({ length: 1005 }, (_, i) => ({ label: `n${i}`, date: new Date(Date.UTC(2023, 0, 1) + i * 1000).toISOString() })));
    const q = `&q=${encodeURIComponent(`client_id:"${m}"`)}`;
    const first = await api(`/logs?page=0&per_page=100&include_totals=true${q}`);
    expect(first.body).toMatchObject({ start: 0, limit: 100, length: 100, total: 1005 });
    const page = await api(`/logs?page=10&per_page=100&include_totals=true${q}`);
    expect(page.body).toMatchObject({ start: 1000, limit: 100, length: 5, total: 1005 });
    expect(labels(page.body.logs)).toEqual(["n4", "n3", "n2", "n1", "n0"]);
  });

  it("sorts by date, newest first by default, log_id breaking ties, and rejects other sort fields", async () => {
    const m = marker();
    const ids = await seed(m, [
      { label: "old", date: "2024-01-01T00:00:00.000Z" },
      // Same millisecond: newLogId's counter makes tie-1's id the smaller one.
      { label: "tie-1", date: "2024-02-01T00:00:00.000Z" },
      { label: "tie-2", date: "2024-02-01T00:00:00.000Z" },
      { label: "new", date: "2024-03-01T00:00:00.000Z" },
    ]);
    expect(ids["tie-1"]! < ids["tie-2"]!).toBe(true);
    expect(await search(m, "type:s")).toEqual(["new", "tie-2", "tie-1", "old"]);
    expect(await search(m, "type:s", "&sort=date:-1")).toEqual(["new", "tie-2", "tie-1", "old"]);
    expect(await search(m, "type:s", "&sort=date:1")).toEqual(["old", "tie-1", "tie-2", "new"]);
    for (const sort of ["user_id:1", "date:2", "date", "log_id:1", "-date"]) {
      const r = await api(`/logs?sort=${encodeURIComponent(sort)}`);
      expect(r.status).toBe(400);
      expect(r.body).toEqual({
        statusCode: 400,
        error: "Bad Request",
        message: "Query validation error: 'Logs can only be sorted by date: use date:1 or date:-1' on property sort.",
        errorCode: "invalid_query_string",
      });
    }
  });

  it("projects fields with fields/include_fields", async () => {
    const m = marker();
    await seed(m, [{ label: "p", user_agent: "curl/8", ip: "198.51.100.1" }]);
    const q = `q=${encodeURIComponent(`client_id:"${m}"`)}`;
    const only = await api(`/logs?${q}&fields=log_id,type,ip&include_fields=true`);
    expect(Object.keys(only.body[0]).sort()).toEqual(["ip", "log_id", "type"]);
    const implicit = await api(`/logs?${q}&fields=date`);
    expect(Object.keys(implicit.body[0])).toEqual(["date"]);
    const without = await api(`/logs?${q}&fields=details,user_agent&include_fields=false`);
    expect(without.body[0]).not.toHaveProperty("details");
    expect(without.body[0]).not.toHaveProperty("user_agent");
    expect(without.body[0]).toMatchObject({ ip: "198.51.100.1", client_id: m });
  });

  it("rejects bad paging parameters with 400, never 5xx", async () => {
    for (const query of ["per_page=0", "per_page=101", "per_page=abc", "page=-1", "page=1.5", "include_totals=yes", "take=0", "take=101", "from=abc", "from=12%2034", "q=a&q=b"]) {
      const r = await api(`/logs?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.errorCode, query).toBe("invalid_query_string");
    }
  });
});

describe("GET /api/v2/logs: search", () => {
  const TEXT_FIELDS = [
    "client_name",
    "connection",
    "connection_id",
    "description",
    "hostname",
    "ip",
    "user_id",
    "user_name",
    "user_agent",
    "strategy",
    "strategy_type",
    "type",
    "audience",
    "scope",
  ] as const;

  it.each(TEXT_FIELDS)("matches %s by whole value, case-sensitively, with wildcards and _exists_", async (field) => {
    const m = marker();
    await seed(m, [
      { label: "exact", [field]: "Val-x" },
      { label: "lower", [field]: "val-x" },
      { label: "longer", [field]: "Val-xy" },
      { label: "none" },
    ]);
    expect(await search(m, `${field}:"Val-x"`)).toEqual(["exact"]);
    expect(await search(m, `${field}:Val-x`)).toEqual(["exact"]);
    expect(await search(m, `${field}:val-x`)).toEqual(["lower"]);
    expect(await search(m, `${field}:VAL-X`)).toEqual([]);
    expect(await search(m, `${field}:Val`)).toEqual([]);
    expect(sorted(await search(m, `${field}:Val-x*`))).toEqual(["exact", "longer"]);
    expect(sorted(await search(m, `${field}:*al-x*`))).toEqual(["exact", "longer", "lower"]);
    expect(sorted(await search(m, `_exists_:${field}`))).toEqual(field === "type" ? ["exact", "longer", "lower", "none"] : ["exact", "longer", "lower"]);
  });

  it("matches client_id and log_id", async () => {
    const m = marker();
    const ids = await seed(m, [{ label: "one" }, { label: "two" }]);
    const r = await api(`/logs?q=${encodeURIComponent(`client_id:"${m}"`)}`);
    expect(sorted(labels(r.body) as string[])).toEqual(["one", "two"]);
    expect(await search(m, `log_id:${ids.one}`)).toEqual(["one"]);
    expect(await search(m, `log_id:"${ids.two}"`)).toEqual(["two"]);
    expect(await search(m, `client_id:${m.toUpperCase()}`)).toEqual([]);
  });

  it("is case-sensitive on both databases (type:S is not s; Alice* is not alice)", async () => {
    const m = marker();
    await seed(m, [
      { label: "s", type: "s" },
      { label: "S", type: "S" },
      { label: "Alice", user_name: "Alice Smith" },
      { label: "alice", user_name: "alice smith" },
      { label: "ALICE", user_name: "ALICE SMITH" },
      { label: "Ålice", user_name: "Ålice" },
      { label: "ålice", user_name: "ålice" },
    ]);
    expect(await search(m, "type:S")).toEqual(["S"]);
    expect(await search(m, "type:s AND user_name:Alice*")).toEqual(["Alice"]);
    expect(await search(m, "user_name:alice*")).toEqual(["alice"]);
    expect(await search(m, "user_name:*SMITH")).toEqual(["ALICE"]);
    expect(await search(m, "user_name:*lice\\ smith")).toEqual(["alice"]);
    expect(await search(m, "user_name:Å*")).toEqual(["Ålice"]);
    expect(await search(m, 'user_name:"ålice"')).toEqual(["ålice"]);
  });

  it("supports prefix, suffix, infix, contains and multi-part wildcards", async () => {
    const m = marker();
    await seed(m, [
      { label: "alice-smith", user_name: "Alice Smith" },
      { label: "alicia", user_name: "Alicia Keys" },
      { label: "bob-alice", user_name: "Bob Alice" },
      { label: "malice", user_name: "Malice Aforethought" },
      { label: "al", user_name: "Al" },
    ]);
    expect(await search(m, "user_name:Alice*")).toEqual(["alice-smith"]);
    expect(sorted(await search(m, "user_name:Ali*"))).toEqual(["alice-smith", "alicia"]);
    expect(sorted(await search(m, "user_name:A*"))).toEqual(["al", "alice-smith", "alicia"]);
    expect(await search(m, "user_name:*lice")).toEqual(["bob-alice"]);
    expect(sorted(await search(m, "user_name:*lice*"))).toEqual(["alice-smith", "bob-alice", "malice"]);
    expect(await search(m, "user_name:Alice*Smith")).toEqual(["alice-smith"]);
    expect(await search(m, "user_name:A*S*h")).toEqual(["alice-smith"]);
    expect(await search(m, "user_name:M*ce*ght")).toEqual(["malice"]);
    expect(await search(m, "user_name:Al*")).toHaveLength(3);
  });

  it("treats LIKE and GLOB metacharacters in values literally (%, _, !, [, ?, \\, *)", async () => {
    const m = marker();
    await seed(m, [
      { label: "percent-underscore", user_name: "50%_off" },
      { label: "percent-x", user_name: "50%xoff" },
      { label: "plain", user_name: "50xyoff" },
      { label: "bracket", user_name: "a[b]c" },
      { label: "abc", user_name: "abc" },
      { label: "question", user_name: "a?c" },
      { label: "bang", user_name: "x!y" },
      { label: "xzy", user_name: "xzy" },
      { label: "backslash", user_name: "back\\slash" },
      { label: "backslash-free", user_name: "backXslash" },
      { label: "star", user_name: "star*name" },
      { label: "star-free", user_name: "starXname" },
    ]);
    expect(await search(m, "user_name:50%_*")).toEqual(["percent-underscore"]);
    expect(sorted(await search(m, "user_name:50%*"))).toEqual(["percent-underscore", "percent-x"]);
    expect(await search(m, 'user_name:"50%_off"')).toEqual(["percent-underscore"]);
    expect(await search(m, "user_name:a\\[b*")).toEqual(["bracket"]);
    expect(await search(m, "user_name:*b\\]c")).toEqual(["bracket"]);
    expect(await search(m, "user_name:a\\?*")).toEqual(["question"]);
    expect(await search(m, "user_name:x\\!*")).toEqual(["bang"]);
    expect(await search(m, "user_name:back\\\\*")).toEqual(["backslash"]);
    expect(await search(m, "user_name:star\\**")).toEqual(["star"]);
    expect(await search(m, 'user_name:"star*name"')).toEqual(["star"]);
  });

  it("treats SQL in values as data (injection-minded)", async () => {
    const m = marker();
    await seed(m, [
      { label: "quote", description: "x' OR 1=1 --" },
      { label: "drop", user_name: "Robert'); DROP TABLE log_events;--" },
      { label: "other", description: "x" },
    ]);
    expect(await search(m, `description:"x' OR 1=1 --"`)).toEqual(["quote"]);
    expect(await search(m, "description:x'*")).toEqual(["quote"]);
    expect(await search(m, `user_name:"Robert'); DROP TABLE log_events;--"`)).toEqual(["drop"]);
    expect(await search(m, `description:"x' OR '1'='1"`)).toEqual([]);
    // The global view: nothing leaked past the client_id scope, and the table is intact.
    const r = await api(`/logs?q=${encodeURIComponent(`description:"x' OR 1=1 --"`)}&include_totals=true`);
    expect(r.body.total).toBe(1);
    expect(await db.logEvent.count({ where: { client_id: m } })).toBe(3);
  });

  it("searches bare terms in client_name, connection, description, ip, log_id, type and user_name only", async () => {
    const m = marker();
    const needle = `needle-${crypto.randomUUID().slice(0, 8)}`;
    const ids = await seed(m, [
      { label: "client_name", client_name: needle },
      { label: "connection", connection: needle },
      { label: "description", description: needle },
      { label: "ip", ip: needle },
      { label: "type", type: needle },
      { label: "user_name", user_name: needle },
      { label: "user_id", user_id: needle },
      { label: "hostname", hostname: needle },
      { label: "user_agent", user_agent: needle },
      { label: "connection_id", connection_id: needle },
      { label: "longer", user_name: `${needle}-more` },
    ]);
    expect(sorted(await search(m, needle))).toEqual(["client_name", "connection", "description", "ip", "type", "user_name"]);
    expect(sorted(await search(m, `"${needle}"`))).toEqual(["client_name", "connection", "description", "ip", "type", "user_name"]);
    expect(sorted(await search(m, `${needle}*`))).toEqual(["client_name", "connection", "description", "ip", "longer", "type", "user_name"]);
    expect(await search(m, needle.toUpperCase())).toEqual([]);
    expect(await search(m, ids.hostname!)).toEqual(["hostname"]);
  });

  it("combines clauses with AND, OR, NOT, juxtaposition, field groups and parentheses", async () => {
    const m = marker();
    await seed(m, [
      { label: "E1", type: "s", user_name: "alice" },
      { label: "E2", type: "s", user_name: "bob" },
      { label: "E3", type: "f", user_name: "alice" },
      { label: "E4", type: "f" },
      { label: "E5", type: "fp", user_name: "carol" },
    ]);
    expect(await search(m, "type:s AND user_name:alice")).toEqual(["E1"]);
    expect(sorted(await search(m, "(type:s OR type:f) AND NOT user_name:bob"))).toEqual(["E1", "E3", "E4"]);
    expect(sorted(await search(m, "type:s type:fp"))).toEqual(["E1", "E2", "E5"]);
    expect(sorted(await search(m, "-type:s"))).toEqual(["E3", "E4", "E5"]);
    expect(sorted(await search(m, "type:(s OR fp)"))).toEqual(["E1", "E2", "E5"]);
    expect(sorted(await search(m, "NOT (type:s OR user_name:carol)"))).toEqual(["E3", "E4"]);
    expect(sorted(await search(m, "_exists_:user_name AND NOT type:s"))).toEqual(["E3", "E5"]);
    expect(await search(m, "NOT _exists_:user_name")).toEqual(["E4"]);
    expect(sorted(await search(m, "+type:f -user_name:alice"))).toEqual(["E4"]);
    expect(sorted(await search(m, "type:f && !_exists_:user_name || user_name:carol"))).toEqual(["E4", "E5"]);
    // NOT includes events that lack the field entirely (Lucene semantics), not only other values.
    expect(sorted(await search(m, "NOT user_name:alice"))).toEqual(["E2", "E4", "E5"]);
  });

  it("knows organization_id, which no Gatehouse event has", async () => {
    const m = marker();
    await seed(m, [{ label: "a" }, { label: "b" }]);
    expect(await search(m, "organization_id:org_0123456789abcdef")).toEqual([]);
    expect(await search(m, "organization_id:org_*")).toEqual([]);
    expect(await search(m, "_exists_:organization_id")).toEqual([]);
    expect(sorted(await search(m, "NOT organization_id:org_0123456789abcdef"))).toEqual(["a", "b"]);
  });

  describe("dates", () => {
    let m: string;
    beforeAll(async () => {
      m = marker();
      await seed(m, [
        { label: "2023-end", date: "2023-12-31T23:59:59.999Z" },
        { label: "apr-end", date: "2024-04-30T23:59:59.999Z" },
        { label: "may-start", date: "2024-05-01T00:00:00.000Z" },
        { label: "may-17", date: "2024-05-17T10:00:00.000Z" },
        { label: "may-end", date: "2024-05-31T23:59:59.999Z" },
        { label: "jun-start", date: "2024-06-01T00:00:00.000Z" },
        { label: "2025", date: "2025-01-01T00:00:00.000Z" },
      ]);
    });

    it.each([
      ["date:2024-05", ["may-start", "may-17", "may-end"]],
      ["date:2024", ["apr-end", "may-start", "may-17", "may-end", "jun-start"]],
      ["date:2024-05-17", ["may-17"]],
      ["date:2024-05-17T10", ["may-17"]],
      ['date:"2024-05-17T10:00:00Z"', ["may-17"]],
      ['date:"2024-05-17T12:00:00+02:00"', ["may-17"]],
      ['date:"2024-05-17T10:00:00.000Z"', ["may-17"]],
      ['date:"2024-05-17T10:00:00.001Z"', []],
      ["date:[2024-05 TO 2024-05]", ["may-start", "may-17", "may-end"]],
      ["date:[* TO 2024-05]", ["2023-end", "apr-end", "may-start", "may-17", "may-end"]],
      ["date:[* TO 2024-05}", ["2023-end", "apr-end"]],
      ["date:{2024-05 TO *]", ["jun-start", "2025"]],
      ["date:[2024-05 TO *]", ["may-start", "may-17", "may-end", "jun-start", "2025"]],
      ["date:[2024-05-01 TO 2024-05-31]", ["may-start", "may-17", "may-end"]],
      ["date:{2024-04-30 TO 2024-06-01}", ["may-start", "may-17", "may-end"]],
      ["date:[2024-04-30T23:59:59.999Z TO 2024-05-01T00:00:00.000Z]", ["apr-end", "may-start"]],
      ["date:{2024-04-30T23:59:59.999Z TO 2024-05-01T00:00:00.000Z]", ["may-start"]],
      ["date:[2024-04-30T23:59:59.999Z TO 2024-05-01T00:00:00.000Z}", ["apr-end"]],
      ["date:[2024-05-17T09:59 TO 2024-05-17T10:00]", ["may-17"]],
      ["date:[2024-05-17T09:59 TO 2024-05-17T10:00}", []],
      ["date:>=2024-05-17", ["may-17", "may-end", "jun-start", "2025"]],
      ["date:>2024-05", ["jun-start", "2025"]],
      ["date:<2024-05", ["2023-end", "apr-end"]],
      ["date:<=2023", ["2023-end"]],
      ["date:[* TO *]", ["2023-end", "apr-end", "may-start", "may-17", "may-end", "jun-start", "2025"]],
      ["date:[2025 TO 2024]", []],
      ["date:[0001 TO 9999]", ["2023-end", "apr-end", "may-start", "may-17", "may-end", "jun-start", "2025"]],
      ["_exists_:date", ["2023-end", "apr-end", "may-start", "may-17", "may-end", "jun-start", "2025"]],
      ["NOT date:2024", ["2023-end", "2025"]],
    ])("%s", async (q, expected) => {
      expect(await search(m, q, "&sort=date:1")).toEqual(expected);
    });
  });

  it("accepts the query as q (SDK v4) or search (SDK v5+), not both with different values", async () => {
    const m = marker();
    await seed(m, [{ label: "x", type: "fp" }, { label: "y" }]);
    const q = encodeURIComponent(`client_id:"${m}" AND type:fp`);
    expect(labels((await api(`/logs?q=${q}`)).body)).toEqual(["x"]);
    expect(labels((await api(`/logs?search=${q}`)).body)).toEqual(["x"]);
    expect(labels((await api(`/logs?q=${q}&search=${q}`)).body)).toEqual(["x"]);
    const both = await api(`/logs?q=${q}&search=type:s`);
    expect(both.status).toBe(400);
    expect(both.body).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "Query validation error: 'q' and 'search' are the same parameter; send only one of them.",
      errorCode: "invalid_query_string",
    });
    // A blank query lists everything, as no query does.
    for (const blank of ["", "%20%20"]) {
      const r = await api(`/logs?q=${blank}&include_totals=true&per_page=1`);
      expect(r.status).toBe(200);
      expect(r.body.total).toBeGreaterThan(2);
    }
  });

  it("serves the SDK's request shape (page=0&per_page=50&include_totals=true&search=...)", async () => {
    const r = await api("/logs?page=0&per_page=50&include_totals=true&search=type:seccft");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ start: 0, limit: 50 });
    expect(r.body.length).toBe(r.body.logs.length);
    expect(r.body.logs.length).toBeGreaterThan(0);
    expect(r.body.logs.every((log: { type: string }) => log.type === "seccft")).toBe(true);
  });

  it.each([
    ["type:(", "Unexpected end of query at position 6; '(' must be followed by a clause"],
    ["type:(s", "The '(' at position 5 is never closed"],
    ["foo:bar", "Unknown field 'foo' at position 0; logs can be searched by audience, client_id, client_name, connection, connection_id, date, description, hostname, ip, log_id, organization_id, scope, strategy, strategy_type, type, user_agent, user_id, user_name"],
    ["type:s AND Type:s", "Unknown field 'Type' at position 11"],
    ["details.label:x", "Unknown field 'details.label' at position 0"],
    ["constructor:x", "Unknown field 'constructor' at position 0"],
    ["__proto__:x", "Unknown field '__proto__' at position 0"],
    ["_exists_:nope", "Unknown field 'nope' at position 9"],
    ["ip:[1 TO 2]", "Ranges are only supported on 'date', not on 'ip' (position 3)"],
    ["organization_id:>x", "Ranges are only supported on 'date', not on 'organization_id' (position 16)"],
    ["*a", "A leading wildcard needs at least 3 literal characters (position 0)"],
    ["user_name:a?", "Wildcard '?' is not supported (position 11); use '*'"],
    ["date:2024-13", "Invalid date '2024-13' at position 5"],
    ["date:2023-02-29", "Invalid date '2023-02-29' at position 5"],
    ["date:[0000 TO *]", "Invalid date '0000' at position 5"],
    ["date:[2024 TO tomorrow]", "Invalid date 'tomorrow' at position 5"],
    ["date:2024*", "Wildcards are not supported on 'date' (position 5)"],
    ["date:2024-05-17T10:00", "Unexpected ':' at position 18"],
    ["x".repeat(5000), "The query is too long (5000 characters; the maximum is 4096)"],
  ])("rejects %s with 400 invalid_query_string", async (q, message) => {
    const r = await api(`/logs?q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusCode: 400, error: "Bad Request", errorCode: "invalid_query_string" });
    expect(r.body.message.startsWith(message), r.body.message).toBe(true);
  });

  it("runs the largest accepted queries and the farthest pages without a 5xx", async () => {
    const m = marker();
    await seed(m, [{ label: "v7", user_name: "v7" }]);
    // 255 bare terms (7 columns each) plus the scope clause: the parser's 256-clause maximum.
    const many = Array.from({ length: 255 }, (_, i) => `v${i}*`).join(" ");
    expect(await search(m, many)).toEqual(["v7"]);
    const deep = `${"(".repeat(30)}user_name:v7${")".repeat(30)}`;
    expect(await search(m, deep)).toEqual(["v7"]);
    const far = await api(`/logs?page=1000000000&per_page=100&include_totals=true&q=${encodeURIComponent(`client_id:"${m}"`)}`);
    expect(far.status).toBe(200);
    expect(far.body).toMatchObject({ start: 100_000_000_000, length: 0, total: 1 });
  });

  it("rejects bad queries in search= the same way", async () => {
    const r = await api(`/logs?search=${encodeURIComponent("foo:bar")}`);
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("invalid_query_string");
  });
});

describe("listLogs service", () => {
  it("restricts to one user's events for GET /users/{id}/logs, with the same search and paging", async () => {
    const { listLogs } = await import("../../lib/services/logs/list-logs.ts");
    const { systemActor } = await import("../../lib/services/actor.ts");
    const m = marker();
    const user = `auth0|${crypto.randomUUID()}`;
    await seed(m, [
      { label: "mine-s", user_id: user, date: "2024-01-01T00:00:00.000Z" },
      { label: "mine-f", user_id: user, type: "f", date: "2024-01-02T00:00:00.000Z" },
      { label: "theirs", user_id: `${user}x` },
    ]);
    const all = await listLogs(db, { userId: user, skip: 0, take: 10, withTotal: true }, systemActor("test"));
    expect({ labels: labels(all.logs), total: all.total }).toEqual({ labels: ["mine-f", "mine-s"], total: 2 });
    const failed = await listLogs(db, { userId: user, q: "type:f", skip: 0, take: 10 }, systemActor("test"));
    expect(labels(failed.logs)).toEqual(["mine-f"]);
    await expect(listLogs(db, { q: "nope:x", skip: 0, take: 10 }, systemActor("test"))).rejects.toMatchObject({
      status: 400,
      errorCode: "invalid_query_string",
    });
  });
});

describe("GET /api/v2/logs: checkpoint reading (from/take)", () => {
  it("returns events after `from` in log_id order, with a Link to the next page", async () => {
    const m = marker();
    // Dated far ahead, so these are the newest log_ids in the database during this test.
    const ids = await seed(
      m,
      ["c0", "c1", "c2", "c3", "c4"].map((label, i) => ({ label, date: `2099-01-01T00:00:0${i}.000Z` })),
    );
    const first = await api(`/logs?from=${ids.c0}&take=2`);
    expect(first.status).toBe(200);
    expect(labels(first.body)).toEqual(["c1", "c2"]);
    expect(first.headers.get("link")).toBe(`<https://${TEST_DOMAIN}/api/v2/logs?from=${ids.c2}&take=2>; rel="next"`);

    const nextPath = (link: string | null) => /^<https:\/\/[^/]+\/api\/v2(\/logs\?[^>]+)>; rel="next"$/.exec(link ?? "")![1]!;
    const second = await api(nextPath(first.headers.get("link")));
    expect(labels(second.body)).toEqual(["c3", "c4"]);
    const third = await api(nextPath(second.headers.get("link")));
    expect(third.body).toEqual([]);
    expect(third.headers.get("link")).toBe(second.headers.get("link"));

    // Everything but from/take is ignored, as in Auth0.
    const ignoring = await api(`/logs?from=${ids.c0}&take=2&q=type:nothing&sort=date:1&fields=type&include_totals=true&page=3`);
    expect(labels(ignoring.body)).toEqual(["c1", "c2"]);
    expect(ignoring.body[0]).toMatchObject({ client_id: m, log_id: ids.c1 });

    // take defaults to 50.
    const defaultTake = await api(`/logs?from=${ids.c3}`);
    expect(labels(defaultTake.body)).toEqual(["c4"]);
    expect(defaultTake.headers.get("link")).toContain("take=50");
  });

  it("starts at the oldest event when only take is given", async () => {
    const oldest = await db.logEvent.findFirst({ orderBy: { log_id: "asc" } });
    const r = await api("/logs?take=1");
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    expect(r.body[0].log_id).toBe(oldest!.log_id);
    expect(r.headers.get("link")).toBe(`<https://${TEST_DOMAIN}/api/v2/logs?from=${oldest!.log_id}&take=1>; rel="next"`);
  });
});

describe("GET /api/v2/logs: authorization", () => {
  it("needs read:logs or read:logs_users", async () => {
    const m = marker();
    const ids = await seed(m, [{ label: "guarded" }]);
    for (const scope of ["read:logs", "read:logs_users"]) {
      const t = await managementToken(scope);
      expect((await api(`/logs?per_page=1`, t)).status).toBe(200);
      expect((await api(`/logs/${ids.guarded}`, t)).status).toBe(200);
    }
    const other = await managementToken("read:clients read:users");
    for (const path of ["/logs", `/logs/${ids.guarded}`, `/logs?from=${ids.guarded}`]) {
      const r = await api(path, other);
      expect(r.status).toBe(403);
      expect(r.body).toEqual({
        statusCode: 403,
        error: "Forbidden",
        message: "Insufficient scope, expected any of: read:logs,read:logs_users",
        errorCode: "insufficient_scope",
      });
      expect((await api(path, null)).status).toBe(401);
    }
  });

  it("does not log reads as audit events", async () => {
    const m = marker();
    await seed(m, [{ label: "quiet" }]);
    const before = await db.logEvent.count();
    await api(`/logs?q=${encodeURIComponent(`client_id:"${m}"`)}`);
    expect(await db.logEvent.count()).toBe(before);
  });
});

describe("auth0 SDKs: logs", () => {
  const options = { domain: TEST_DOMAIN, clientId: TEST_BOOTSTRAP_CLIENT_ID, clientSecret: TEST_BOOTSTRAP_CLIENT_SECRET, fetch: appFetch };
  let m: string;
  let ids: Record<string, string>;
  beforeAll(async () => {
    // More events than one default page, so v7's auto-paging has to turn pages.
    m = marker();
    ids = await seed(m, Array.from({ length: 60 }, (_, i) => ({ label: `sdk${String(i).padStart(2, "0")}`, date: new Date(Date.UTC(2022, 0, 1) + i * 60_000).toISOString() })));
  });

  it("v7: logs.list auto-pages search results; logs.get reads one; errors are typed", async () => {
    const management = new ManagementClientV7(options);
    const seen: string[] = [];
    for await (const log of await management.logs.list({ search: `client_id:"${m}"` })) seen.push((log.details as { label: string }).label);
    expect(seen).toHaveLength(60);
    expect(seen[0]).toBe("sdk59");
    const page = await management.logs.list({ search: `client_id:"${m}"`, per_page: 10, sort: "date:1" });
    expect(page.data.map((log) => (log.details as { label: string }).label)).toEqual(Array.from({ length: 10 }, (_, i) => `sdk0${i}`));
    expect(await management.logs.get(ids.sdk07!)).toMatchObject({ log_id: ids.sdk07, client_id: m, type: "s" });
    await expect(management.logs.get("1")).rejects.toMatchObject({ statusCode: 404 });
    await expect(management.logs.list({ search: "foo:bar" })).rejects.toMatchObject({ statusCode: 400 });
  });

  it("v4: logs.getAll with q, totals and checkpoint; logs.get", async () => {
    const management = new ManagementClientV4(options);
    const totals = await management.logs.getAll({ q: `client_id:"${m}"`, include_totals: true, per_page: 10, page: 5 });
    expect(totals.data).toMatchObject({ start: 50, limit: 10, length: 10, total: 60 });
    const bare = await management.logs.getAll({ q: `client_id:"${m}" AND log_id:${ids.sdk03}` });
    expect(Array.isArray(bare.data) && bare.data.map((log) => log.log_id)).toEqual([ids.sdk03]);
    const checkpoint = await management.logs.getAll({ from: ids.sdk00, take: 5 });
    expect(Array.isArray(checkpoint.data) && checkpoint.data.map((log) => log.log_id)).toEqual([ids.sdk01, ids.sdk02, ids.sdk03, ids.sdk04, ids.sdk05]);
    expect(checkpoint.headers.get("link")).toContain(`from=${ids.sdk05}`);
    expect((await management.logs.get({ id: ids.sdk00! })).data).toMatchObject({ log_id: ids.sdk00 });
    await expect(management.logs.get({ id: "1" })).rejects.toMatchObject({ statusCode: 404, errorCode: "inexistent_log" });
  });
});
