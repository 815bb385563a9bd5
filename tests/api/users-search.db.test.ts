// GET /api/v2/users: the v3 query language (spec §4, every example of §4.10), sorting, offset and
// checkpoint paging, totals, projection and errors. Runs on SQLite and PostgreSQL: every assertion
// must hold identically on both (case folding, pattern escaping and NULL ordering are where the two
// databases differ natively).
//
// The users of this file carry app_metadata.set = SET, and searches are scoped to it, so the
// bootstrap operator and users created by other tests never leak into an expected result.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/client.ts";
import { call } from "../helpers/app.ts";
import { ensureSocialConnection, insertFixtureUser, type FixtureUser } from "../helpers/search-fixtures.ts";
import { managementToken } from "../helpers/tokens.ts";

const SET = `search-${crypto.randomUUID()}`;

let token: string;
let db: Db;
const idOf: Record<string, string> = {};
const labelOf = new Map<string, string>();

const CATALOGUE: Record<string, FixtureUser> = {
  john: {
    email: "john@exampleco.com",
    email_verified: true,
    name: "John",
    given_name: "John",
    family_name: "Doe",
    nickname: "john",
    username: "johnd",
    logins_count: 5,
    created_at: "2017-12-15T10:00:00.000Z",
    last_login: "2017-12-31T23:59:59.999Z",
    last_ip: "203.0.113.10",
    user_metadata: { full_name: "John Smith", display: { fontSize: 13, theme: "dark" }, addresses: [{ city: "Paris" }, { city: "Lyon" }], tags: ["a", "b"] },
    app_metadata: { plan: "gold", level: 3, beta: true },
  },
  jane: {
    email: "jane@exampleco.com",
    email_verified: false,
    name: "Jane",
    nickname: "jane",
    logins_count: 0,
    created_at: "2017-11-30T23:59:59.999Z",
    user_metadata: { full_name: "john smith", display: { fontSize: 12 } },
    app_metadata: { plan: "silver", level: 1, beta: false },
  },
  janesmith: {
    email: "jsmith@other.org",
    email_verified: true,
    name: "Jane Smith",
    given_name: "Jane",
    family_name: "Smith",
    logins_count: 12,
    created_at: "2018-01-15T00:00:00.000Z",
    last_login: "2018-01-01T00:00:00.000Z",
    user_metadata: { display: { fontSize: "14" } },
    app_metadata: { plan: "gold", level: 2.5 },
  },
  bigjohnson: {
    connection: "google-oauth2",
    email: "Big@ExampleCo.COM",
    email_verified: true,
    name: "Bigjohnson",
    logins_count: 100,
    created_at: "2018-02-01T00:00:00.000Z",
    last_login: "2017-11-15T08:00:00.000Z",
  },
  johnny: {
    email: "johnny@walker.io",
    email_verified: false,
    name: "Johnny Walker",
    logins_count: 0,
    created_at: "2019-06-01T00:00:00.000Z",
    linked: [{ connection: "google-oauth2", provider: "google-oauth2", providerUserId: "1035-linked", isSocial: true }],
  },
  phoneonly: {
    email: null,
    phone_number: "+15551234567",
    phone_verified: true,
    name: "Phone Person",
    logins_count: 1,
    created_at: "2020-01-01T00:00:00.000Z",
    last_login: "2020-02-02T00:00:00.000Z",
  },
  smithers: {
    email: "smithers@exampleco.com",
    email_verified: true,
    name: "Jane Smithers",
    logins_count: 2,
    blocked: true,
    created_at: "2021-03-03T00:00:00.000Z",
    app_metadata: { plan: "Gold" },
  },
  special: {
    email: "special@chars.test",
    name: '50%_off [x]*star say "hello" now',
    logins_count: 3,
    created_at: "2022-01-01T00:00:00.000Z",
  },
  unicode: {
    email: "elodie@unicode.test",
    name: "Élodie Ünal",
    nickname: "ÉLO",
    logins_count: 4,
    created_at: "2023-01-01T00:00:00.000Z",
  },
  noname: {
    email: "noname@other.org",
    name: null,
    logins_count: 7,
    created_at: "2023-06-01T00:00:00.000Z",
    last_login: "2023-06-02T00:00:00.000Z",
  },
};
const ALL = Object.keys(CATALOGUE).sort();

beforeAll(async () => {
  token = await managementToken();
  db = await (await import("../../lib/db/client.ts")).getDb();
  await ensureSocialConnection(db, "google-oauth2");
  for (const [label, spec] of Object.entries(CATALOGUE)) {
    const id = await insertFixtureUser(db, { ...spec, app_metadata: { ...spec.app_metadata, set: SET } });
    idOf[label] = id;
    labelOf.set(id, label);
  }
});

async function get(path: string, bearer: string | null = token) {
  const response = await call("GET", `/api/v2${path}`, { token: bearer ?? undefined });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const scoped = (q: string) => `app_metadata.set:"${SET}" AND (${q})`;
const labels = (users: readonly { user_id: string }[]) => users.map((user) => labelOf.get(user.user_id) ?? `other:${user.user_id}`);

/** Labels of the users of this file that `q` matches, sorted. */
async function search(q: string): Promise<string[]> {
  const response = await get(`/users?per_page=100&q=${encodeURIComponent(scoped(q))}`);
  if (response.status !== 200) throw new Error(`${q}: ${response.status} ${JSON.stringify(response.body)}`);
  return labels(response.body).sort();
}

/** The 400 body for `q`. */
async function rejected(q: string) {
  const response = await get(`/users?q=${encodeURIComponent(q)}`);
  expect(response.status, q).toBe(400);
  expect(response.body).toMatchObject({ statusCode: 400, error: "Bad Request", errorCode: "invalid_query_string" });
  return response.body.message as string;
}

describe("the example catalogue of spec §4.10", () => {
  it.each<[string, string, string[]]>([
    ["name contains john", "name:*john*", ["bigjohnson", "john", "johnny"]],
    ["name exactly jane", 'name:"jane"', ["jane"]],
    ["name starts with john", "name:john*", ["john", "johnny"]],
    ["starts jane, ends smith", "name:jane*smith", ["janesmith"]],
    ["email exactly", 'email:"john@exampleco.com"', ["john"]],
    ["either of two emails", 'email:("john@exampleco.com" OR "jane@exampleco.com")', ["jane", "john"]],
    ["unverified email", "email_verified:false OR NOT _exists_:email_verified", ["jane", "johnny", "noname", "phoneonly", "special", "unicode"]],
    ["metadata value", 'user_metadata.full_name:"John Smith"', ["john"]],
    ["by connection", 'identities.connection:"google-oauth2"', ["bigjohnson", "johnny"]],
    ["never logged in", "(NOT _exists_:logins_count OR logins_count:0)", ["jane", "johnny"]],
    ["email domain", 'email.domain:"exampleco.com"', ["bigjohnson", "jane", "john", "smithers"]],
    ["nested metadata number", "user_metadata.display.fontSize:13", ["john"]],
  ])("%s: %s", async (_intent, q, expected) => {
    expect(await search(q)).toEqual(expected);
  });
});

describe("fields and values", () => {
  it.each<[string, string[]]>([
    // Case-insensitive fields (§4.2): email, name, given_name, family_name, nickname; username is stored lower-cased.
    ['email:"JOHN@ExampleCo.com"', ["john"]],
    ['email:"big@exampleco.com"', ["bigjohnson"]],
    ["name:JOHN*", ["john", "johnny"]],
    ["name:*JOHN*", ["bigjohnson", "john", "johnny"]],
    ["given_name:jane", ["janesmith"]],
    ["family_name:DOE", ["john"]],
    ["nickname:élo", ["unicode"]],
    ["name:élodie*", ["unicode"]],
    ["name:ÉLODIE*", ["unicode"]],
    ["name:*ünal", ["unicode"]],
    ["username:JohnD", ["john"]],
    ["username:joh*", ["john"]],
    ["user_id:auth0", []],
    // Values are whole values, never tokenized (§4.2).
    ["name:smith", []],
    ['name:"jane smith"', ["janesmith"]],
    ["name:Jane\\ Smith", ["janesmith"]],
    // Wildcards: prefix, infix, suffix (>= 3 characters), several literals.
    ["name:*smith", ["janesmith"]],
    ["name:*smith*", ["janesmith", "smithers"]],
    ["name:jane*smith*", ["janesmith", "smithers"]],
    ["name:*ane*mit*", ["janesmith", "smithers"]],
    ["email:*@exampleco.com", ["bigjohnson", "jane", "john", "smithers"]],
    ["email:jo*@*.com", ["john"]],
    // Pattern characters of either database are literals in a query.
    ["name:50%_*", ["special"]],
    ["name:50*off*", ["special"]],
    ["name:*\\[x\\]*", ["special"]],
    ["name:*\\*star*", ["special"]],
    ['name:*\\"hello\\"*', ["special"]],
    ["name:*%_o*", ["special"]],
    ["name:_*", []],
    ["name:%*", []],
    // email.domain (case-insensitive), with wildcards too.
    ["email.domain:EXAMPLECO.COM", ["bigjohnson", "jane", "john", "smithers"]],
    ["email.domain:*.org", ["janesmith", "noname"]],
    ["email.domain:*mpleco*", ["bigjohnson", "jane", "john", "smithers"]],
    ["email.domain:exa*", ["bigjohnson", "jane", "john", "smithers"]],
    ["email.domain:*exampleco", []],
    // Booleans.
    ["email_verified:true", ["bigjohnson", "janesmith", "john", "smithers"]],
    ["phone_verified:true", ["phoneonly"]],
    ["phone_verified:false", []],
    ["blocked:true", ["smithers"]],
    ["_exists_:blocked", ["smithers"]],
    ["NOT blocked:true", ALL.filter((label) => label !== "smithers")],
    ["blocked:false AND logins_count:[3 TO 4]", ["special", "unicode"]],
    // Text fields.
    ['phone_number:"+15551234567"', ["phoneonly"]],
    ["last_ip:203.0.113.10", ["john"]],
    ["last_ip:203.0.*", ["john"]],
    ["_exists_:phone_number", ["phoneonly"]],
    ["NOT _exists_:name", ["noname"]],
    ["NOT _exists_:email", ["phoneonly"]],
    ["_exists_:email.domain AND NOT _exists_:last_login", ["jane", "johnny", "smithers", "special", "unicode"]],
    // Numbers and ranges.
    ["logins_count:12", ["janesmith"]],
    ["logins_count:[1 TO 12}", ["john", "noname", "phoneonly", "smithers", "special", "unicode"]],
    ["logins_count:[100 TO *]", ["bigjohnson"]],
    ["logins_count:{5 TO 12]", ["janesmith", "noname"]],
    ["logins_count:{1.5 TO 3.5}", ["smithers", "special"]],
    ["logins_count:>=12", ["bigjohnson", "janesmith"]],
    ["logins_count:<1", ["jane", "johnny"]],
    ["logins_count:2.5", []],
    ["logins_count:[99999999999 TO *]", []],
    ["logins_count:[* TO *]", ALL],
    // Dates: partial dates stand for their whole period.
    ["created_at:2017-12", ["john"]],
    ["created_at:2017", ["jane", "john"]],
    ["created_at:[2017-12 TO 2018-01]", ["janesmith", "john"]],
    ["created_at:{2017-11 TO 2018-01}", ["john"]],
    ["created_at:[* TO 2017-11-30]", ["jane"]],
    ["created_at:[* TO 2017-11-30}", []],
    ["last_login:[* TO 2017-12-31]", ["bigjohnson", "john"]],
    ["last_login:{2017-11 TO 2017-12]", ["john"]],
    ["last_login:[2018-01-01T00:00:00Z TO *]", ["janesmith", "noname", "phoneonly"]],
    ["last_login:[* TO *]", ["bigjohnson", "janesmith", "john", "noname", "phoneonly"]],
    ["updated_at:[2023-01-01 TO *]", ["noname", "unicode"]],
    ['created_at:"2018-01-15T01:00:00+01:00"', ["janesmith"]],
    ["created_at:2018-01-15T00\\:00\\:00.000Z", ["janesmith"]],
    ["created_at:2018-01-15T00\\:00\\:00.001Z", []],
    // Identities.
    ["identities.provider:google-oauth2", ["bigjohnson", "johnny"]],
    ["identities.provider:auth0", ALL.filter((label) => label !== "bigjohnson")],
    ["identities.user_id:1035-linked", ["johnny"]],
    ["identities.user_id:1035*", ["johnny"]],
    ["identities.isSocial:true", ["bigjohnson", "johnny"]],
    ["identities.connection:Username-Password-*", ALL.filter((label) => label !== "bigjohnson")],
    ["_exists_:identities.connection", ALL],
    ["_exists_:identities", ALL],
    // No organizations in Gatehouse.
    ["organization_id:org_123", []],
    ["NOT organization_id:org_123", ALL],
    ["_exists_:organization_id", []],
    // Metadata: exact, case-sensitive, through arrays, typed.
    ["user_metadata.full_name:John\\ Smith", ["john"]],
    ["user_metadata.full_name:john\\ smith", ["jane"]],
    ["user_metadata.addresses.city:Paris", ["john"]],
    ["user_metadata.addresses.city:Lyon", ["john"]],
    ["user_metadata.tags:b", ["john"]],
    ["user_metadata.display.fontSize:14", ["janesmith"]],
    ['user_metadata.display.fontSize:"13"', ["john"]],
    ["user_metadata.display.fontSize:13.0", ["john"]],
    ["app_metadata.plan:gold", ["janesmith", "john"]],
    ["app_metadata.plan:Gold", ["smithers"]],
    ["app_metadata.beta:true", ["john"]],
    ["app_metadata.beta:false", ["jane"]],
    ["app_metadata.level:2.5", ["janesmith"]],
    ["app_metadata.level:[2 TO *]", ["janesmith", "john"]],
    ["app_metadata.level:{1 TO 3}", ["janesmith"]],
    ["app_metadata.plan:go*", ["janesmith", "john"]],
    ["app_metadata.plan:*ilver", ["jane"]],
    ["_exists_:user_metadata.display", ["jane", "janesmith", "john"]],
    ["_exists_:user_metadata.display.theme", ["john"]],
    ["_exists_:user_metadata.displa", []],
    ["_exists_:user_metadata.addresses.city", ["john"]],
    ["_exists_:user_metadata", ["jane", "janesmith", "john"]],
    ["NOT _exists_:app_metadata.plan", ["bigjohnson", "johnny", "noname", "phoneonly", "special", "unicode"]],
    // Bare terms: user_id, email, name, given_name, family_name, nickname, username; never metadata.
    ["jane", ["jane", "janesmith"]],
    ["JOHNNY*", ["johnny"]],
    ["*smith*", ["janesmith", "smithers"]],
    ["*exampleco*", ["bigjohnson", "jane", "john", "smithers"]],
    ["gold", []],
    ["paris", []],
    // Boolean logic.
    ["name:john* AND NOT nickname:john", ["johnny"]],
    ["name:john* -nickname:john", ["johnny"]],
    ["+email_verified:true +logins_count:[10 TO *]", ["bigjohnson", "janesmith"]],
    ["(name:jane OR name:john) AND email.domain:exampleco.com", ["jane", "john"]],
    ["email.domain:exampleco.com AND NOT (blocked:true OR identities.isSocial:true)", ["jane", "john"]],
    ["name:jane name:john", ["jane", "john"]],
    // Substrings in several columns (the dashboard's plain-text search): one trigram lookup on SQLite,
    // each term still tested in its own column.
    ["email:*smith* OR name:*walker*", ["janesmith", "johnny", "smithers"]],
    ["email:*walker* OR name:*exampleco*", ["johnny"]],
    ['email:*john* OR name:*john* OR username:*ohnd* OR user_id:"john"', ["bigjohnson", "john", "johnny"]],
  ])("%s", async (q, expected) => {
    expect(await search(q)).toEqual([...expected].sort());
  });

  it("lists everyone when q is absent or blank, and honours the connection filter", async () => {
    const all = await get(`/users?per_page=100&q=${encodeURIComponent(`app_metadata.set:"${SET}"`)}`);
    expect(labels(all.body).sort()).toEqual(ALL);
    const blank = await get(`/users?per_page=100&q=${encodeURIComponent("   ")}&include_totals=true`);
    expect(blank.body.total).toBeGreaterThanOrEqual(ALL.length + 1);
    const social = await get(`/users?per_page=100&connection=google-oauth2&q=${encodeURIComponent(`app_metadata.set:"${SET}"`)}`);
    expect(labels(social.body).sort()).toEqual(["bigjohnson", "johnny"]);
  });
});

describe("errors: invalid queries are 400 invalid_query_string naming what and where", () => {
  it.each<[string, RegExp]>([
    ["nosuchfield:x", /Unknown field 'nosuchfield' at position 0/],
    ["name:x AND picture:y", /Unknown field 'picture' at position 11/],
    ["identities:x", /identity attribute at position 0/],
    ["user_metadata.full_name:Jo*", /Wildcards are not supported on user_metadata/],
    ["user_metadata.display.fontSize:[1 TO 5]", /Ranges are not supported on user_metadata/],
    ["user_metadata:x", /Name a key of user_metadata/],
    ["app_metadata.level:[a TO 5]", /compare numbers/],
    ["name:[a TO b]", /Ranges are supported on .* not on 'name' \(position 5\)/],
    ["logins_count:many", /'logins_count' is a number \(position 13\)/],
    ["logins_count:[1 TO many]", /'logins_count' is a number/],
    ["email_verified:yes", /'email_verified' is true or false \(position 15\)/],
    ["identities.isSocial:maybe", /true or false/],
    ["created_at:2024-13", /Invalid date '2024-13' at position 11/],
    ["created_at:2024*", /Wildcards are not supported on 'created_at'/],
    ["last_login:[2024 TO soon]", /Invalid date 'soon'/],
    ["name:jo?n", /./],
    ["name:*sa", /./],
    ["name:john~", /./],
    ["name:(", /./],
    [`user_metadata.x:"${"a".repeat(600)}"`, /searchable up to 511 characters/],
  ])("%s", async (q, message) => {
    expect(await rejected(q)).toMatch(message);
  });

  it("refuses search engines v1 and v2 with Auth0's messages; v3 and none are the same", async () => {
    const v1 = await get("/users?search_engine=v1&q=name:x");
    expect(v1.status).toBe(400);
    expect(v1.body.message).toBe("You are not allowed to use search_engine=v1.");
    const v2 = await get("/users?search_engine=v2&q=name:x");
    expect(v2.status).toBe(400);
    expect(v2.body.message).toBe("You are not allowed to use search_engine=v2. Use search_engine=v3 instead.");
    const v9 = await get("/users?search_engine=v9");
    expect(v9.status).toBe(400);
    expect(v9.body.errorCode).toBe("invalid_query_string");
    const q = encodeURIComponent(scoped("name:john*"));
    const v3 = await get(`/users?search_engine=v3&q=${q}`);
    expect(labels(v3.body).sort()).toEqual(["john", "johnny"]);
    expect((await get(`/users?q=${q}`)).body).toEqual(v3.body);
  });

  it("needs read:users (403) and a token (401)", async () => {
    const other = await managementToken("read:clients");
    const forbidden = await get("/users", other);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ errorCode: "insufficient_scope", message: "Insufficient scope, expected any of: read:users" });
    expect((await get("/users", null)).status).toBe(401);
  });

  it.each([
    ["per_page=101", 400],
    ["per_page=0", 400],
    ["per_page=abc", 400],
    ["page=-1", 400],
    ["include_totals=yes", 400],
    ["take=101", 400],
    ["take=0", 400],
    ["from=not-a-cursor", 400],
    ["from=", 400],
    ["sort=name", 400],
    ["sort=name:2", 400],
    ["sort=picture:1", 400],
    ["sort=user_metadata.x:1", 400],
    ["sort=app_metadata.level:-1", 400],
  ])("%s is %i", async (query, status) => {
    const response = await get(`/users?${query}`);
    expect(response.status).toBe(status);
    expect(response.body.errorCode).toBe("invalid_query_string");
  });
});

describe("offset paging and totals", () => {
  const q = encodeURIComponent(`app_metadata.set:"${SET}"`);

  it("answers the envelope {start, limit, length, total, users} with include_totals, a bare array without", async () => {
    const page = await get(`/users?q=${q}&page=1&per_page=3&include_totals=true`);
    expect(page.status).toBe(200);
    expect(Object.keys(page.body).sort()).toEqual(["length", "limit", "start", "total", "users"]);
    expect(page.body).toMatchObject({ start: 3, limit: 3, length: 3, total: ALL.length });
    const bare = await get(`/users?q=${q}&page=1&per_page=3`);
    expect(Array.isArray(bare.body)).toBe(true);
    expect(bare.body).toEqual(page.body.users);
  });

  it("pages past the end give an empty list, with the true total", async () => {
    const page = await get(`/users?q=${q}&page=5&per_page=3&include_totals=true`);
    expect(page.body).toMatchObject({ start: 15, limit: 3, length: 0, total: ALL.length, users: [] });
  });

  it("pages through everything in a stable order without repeats", async () => {
    const seen: string[] = [];
    for (let page = 0; page < 5; page++) seen.push(...labels((await get(`/users?q=${q}&page=${page}&per_page=3`)).body));
    expect([...seen].sort()).toEqual(ALL);
    // Default order: user_id ascending.
    expect(seen.map((label) => idOf[label])).toEqual(Object.values(idOf).sort());
  });

  it("keeps Auth0's 1,000-result reach for page/per_page (400 invalid_paging)", async () => {
    expect((await get("/users?page=9&per_page=100")).status).toBe(200);
    const beyond = await get("/users?page=10&per_page=100");
    expect(beyond.status).toBe(400);
    expect(beyond.body).toMatchObject({ errorCode: "invalid_paging" });
    expect(beyond.body.message).toMatch(/^Requesting page exceeds the allowed maximum of 1000 records\./);
    expect((await get("/users?page=20&per_page=50")).status).toBe(400);
  });

  it("projects fields with fields/include_fields", async () => {
    const only = await get(`/users?q=${encodeURIComponent(scoped("name:john"))}&fields=user_id,email`);
    expect(only.body).toEqual([{ user_id: idOf.john, email: "john@exampleco.com" }]);
    const without = await get(`/users?q=${encodeURIComponent(scoped("name:john"))}&fields=identities,user_metadata,app_metadata&include_fields=false`);
    expect(without.body[0]).toMatchObject({ user_id: idOf.john, name: "John" });
    expect(without.body[0]).not.toHaveProperty("identities");
    expect(without.body[0]).not.toHaveProperty("user_metadata");
  });

  it("returns users in Auth0's shape", async () => {
    const [user] = (await get(`/users?q=${encodeURIComponent(scoped("name:johnny*"))}`)).body;
    expect(user).toMatchObject({
      user_id: idOf.johnny,
      email: "johnny@walker.io",
      email_verified: false,
      name: "Johnny Walker",
      logins_count: 0,
      identities: [
        { connection: "Username-Password-Authentication", provider: "auth0", isSocial: false },
        { connection: "google-oauth2", provider: "google-oauth2", user_id: "1035-linked", isSocial: true },
      ],
    });
    expect(user).not.toHaveProperty("email_lower");
    expect(user).not.toHaveProperty("search_key");
  });
});

describe("sorting", () => {
  const q = encodeURIComponent(`app_metadata.set:"${SET}"`);
  const sorted = async (sort: string) => labels((await get(`/users?q=${q}&per_page=100&sort=${sort}`)).body);
  /** `label` order for `key`, missing values last, ties by user_id in the same direction. */
  const expected = (key: (user: FixtureUser) => string | number | boolean | null | undefined, direction: 1 | -1) =>
    Object.entries(CATALOGUE)
      .sort(([a, x], [b, y]) => {
        const vx = key(x);
        const vy = key(y);
        const missingX = vx === null || vx === undefined;
        const missingY = vy === null || vy === undefined;
        if (missingX !== missingY) return missingX ? 1 : -1;
        if (!missingX && vx !== vy) return (vx! < vy! ? -1 : 1) * direction;
        return (idOf[a]! < idOf[b]! ? -1 : 1) * direction;
      })
      .map(([label]) => label);

  it.each<[string, (user: FixtureUser) => string | number | boolean | null | undefined, 1 | -1]>([
    ["created_at:1", (u) => u.created_at, 1],
    ["created_at:-1", (u) => u.created_at, -1],
    ["logins_count:-1", (u) => u.logins_count ?? 0, -1],
    ["name:1", (u) => u.name?.toLowerCase(), 1],
    ["name:-1", (u) => u.name?.toLowerCase(), -1],
    ["last_login:-1", (u) => u.last_login, -1],
    ["last_login:1", (u) => u.last_login, 1],
    ["email:1", (u) => u.email?.toLowerCase(), 1],
    ["blocked:-1", (u) => u.blocked ?? false, -1],
    ["user_id:-1", () => null, -1],
  ])("sort=%s (missing values last, ties by user_id)", async (sort, key, direction) => {
    expect(await sorted(sort)).toEqual(expected(key, direction));
  });

  it("pages a nullable sort across the users with and without a value", async () => {
    const whole = await sorted("last_login:1");
    const pages: string[] = [];
    for (let page = 0; page < 4; page++) pages.push(...labels((await get(`/users?q=${q}&per_page=3&page=${page}&sort=last_login:1`)).body));
    expect(pages).toEqual(whole);
    // A page that starts among the users without a value.
    const late = await get(`/users?q=${q}&per_page=2&page=4&sort=last_login:1&include_totals=true`);
    expect(labels(late.body.users)).toEqual(whole.slice(8, 10));
  });
});

describe("checkpoint paging (from/take)", () => {
  const q = encodeURIComponent(`app_metadata.set:"${SET}"`);

  async function walk(extra: string, take: number) {
    const seen: string[] = [];
    let from: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await get(`/users?q=${q}&take=${take}${extra}${from ? `&from=${encodeURIComponent(from)}` : ""}`);
      expect(page.status).toBe(200);
      expect(Object.keys(page.body).filter((key) => key !== "next")).toEqual(["users"]);
      seen.push(...labels(page.body.users));
      from = page.body.next;
      if (!from) return seen;
    }
    throw new Error("checkpoint walk did not end");
  }

  it.each(["", "&sort=last_login:-1", "&sort=last_login:1", "&sort=name:1", "&sort=created_at:-1", "&sort=logins_count:1", "&sort=blocked:1"])(
    "walks the whole result in the offset order%s",
    async (extra) => {
      const offsetOrder = labels((await get(`/users?q=${q}&per_page=100${extra}`)).body);
      expect(await walk(extra, 3)).toEqual(offsetOrder);
      expect(await walk(extra, 1)).toEqual(offsetOrder);
      expect(await walk(extra, 100)).toEqual(offsetOrder);
    },
  );

  it("has no next on the last page, and ignores page/per_page", async () => {
    const page = await get(`/users?q=${q}&take=100&page=3&per_page=2`);
    expect(page.body.users).toHaveLength(ALL.length);
    expect(page.body).not.toHaveProperty("next");
  });

  it("refuses a checkpoint of another sort, or a forged one", async () => {
    const first = await get(`/users?q=${q}&take=2&sort=name:1`);
    const other = await get(`/users?q=${q}&take=2&sort=name:-1&from=${encodeURIComponent(first.body.next)}`);
    expect(other.status).toBe(400);
    expect(other.body.message).toMatch(/sort=name:1/);
    const forged = Buffer.from(JSON.stringify({ s: "user_id:1", g: 0, v: 5, u: "x" })).toString("base64url");
    expect((await get(`/users?take=2&from=${forged}`)).status).toBe(400);
  });
});

describe("a single metadata clause (counted and paged in the metadata table alone)", () => {
  const number = 700_000 + Math.floor(Math.random() * 100_000);
  const tag = `tag-${crypto.randomUUID()}`;
  /** The users whose probe.n is `number` (as a number or a string), in user_id order. */
  const matching: string[] = [];

  beforeAll(async () => {
    const shapes: Record<string, unknown>[] = [
      { probe: { n: number } },
      { probe: { n: String(number) } },
      { probe: { n: [number, String(number), number] } },
      { probe: [{ n: number }, { n: number }] },
      { probe: { n: number }, tags: [tag, tag] },
      { probe: { n: String(number) }, tags: [tag] },
      { probe: { n: number + 1 }, tags: [tag] },
    ];
    for (const [index, user_metadata] of shapes.entries()) {
      const id = await insertFixtureUser(db, { email: `${crypto.randomUUID()}@single.test`, user_metadata });
      if (index < 6) matching.push(id);
    }
    matching.sort();
  });

  const ids = (users: readonly { user_id: string }[]) => users.map((user) => user.user_id);

  it("finds each user once, whichever leaves match, in user_id order both ways", async () => {
    const q = encodeURIComponent(`user_metadata.probe.n:${number}`);
    const all = await get(`/users?q=${q}&per_page=100&include_totals=true`);
    expect(all.body.total).toBe(6);
    expect(ids(all.body.users)).toEqual(matching);
    const descending = await get(`/users?q=${q}&per_page=100&sort=user_id:-1`);
    expect(ids(descending.body)).toEqual([...matching].reverse());
  });

  it("pages by offset and by checkpoint without repeats", async () => {
    const q = encodeURIComponent(`user_metadata.probe.n:${number}`);
    const whole = ids((await get(`/users?q=${q}&per_page=100`)).body);
    expect(whole).toEqual(matching);
    const byOffset: string[] = [];
    for (let page = 0; page < 4; page++) byOffset.push(...ids((await get(`/users?q=${q}&per_page=2&page=${page}`)).body));
    expect(byOffset).toEqual(whole);
    const byCheckpoint: string[] = [];
    let from: string | undefined;
    do {
      const page = await get(`/users?q=${q}&take=2${from ? `&from=${encodeURIComponent(from)}` : ""}`);
      byCheckpoint.push(...ids(page.body.users));
      from = page.body.next;
    } while (from);
    expect(byCheckpoint).toEqual(whole);
    const backwards: string[] = [];
    from = undefined;
    do {
      const page = await get(`/users?q=${q}&take=4&sort=user_id:-1${from ? `&from=${encodeURIComponent(from)}` : ""}`);
      backwards.push(...ids(page.body.users));
      from = page.body.next;
    } while (from);
    expect(backwards).toEqual([...whole].reverse());
  });

  it("counts arrays with repeated values once per user", async () => {
    const response = await get(`/users?q=${encodeURIComponent(`user_metadata.tags:"${tag}"`)}&include_totals=true&per_page=1`);
    expect(response.body).toMatchObject({ total: 3, length: 1 });
    const exists = await get(`/users?q=${encodeURIComponent(`_exists_:user_metadata.probe AND user_metadata.tags:"${tag}"`)}&include_totals=true`);
    expect(exists.body.total).toBe(3);
  });
});
