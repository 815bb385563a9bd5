// User search through the official SDKs, both generations (v7: users.list with q, Page and
// `for await` auto-pagination, which always sends include_totals=true; v4: users.getAll with q and
// include_totals). The SDKs talk to https://gatehouse.test through a fetch that calls the route
// handlers in-process (tests/helpers/app.ts). Users are created by the service layer, with metadata.
import { ManagementClient as ManagementClientV4 } from "auth0-v4";
import { ManagementClient as ManagementClientV7 } from "auth0-v7";
import { beforeAll, describe, expect, it } from "vitest";
import { appFetch } from "../helpers/app.ts";
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_DOMAIN } from "../setup/test-env.ts";

const options = { domain: TEST_DOMAIN, clientId: TEST_BOOTSTRAP_CLIENT_ID, clientSecret: TEST_BOOTSTRAP_CLIENT_SECRET, fetch: appFetch };
const MARK = `sdk-${crypto.randomUUID().slice(0, 8)}`;
const TEAMS = ["blue", "red", "blue", "green", "blue", "red", "blue"] as const;
const ids: string[] = [];
const byEmail = new Map<string, string>();

beforeAll(async () => {
  const { getDb } = await import("../../lib/db/client.ts");
  const { createDatabaseUser } = await import("../../lib/services/users/create-database-user.ts");
  const db = await getDb();
  const connection = await db.connection.findUniqueOrThrow({ where: { name: "Username-Password-Authentication" } });
  for (const [index, team] of TEAMS.entries()) {
    const email = `${MARK}-${index}@sdk.example`;
    const user = await createDatabaseUser(db, connection, {
      email,
      password: `Correct-Horse-${index}-Battery!`,
      name: `SDK User ${index}`,
      user_metadata: { team, profile: { level: index, tags: [`t${index % 3}`] } },
      app_metadata: { mark: MARK, plan: index % 2 ? "pro" : "free" },
    });
    ids.push(user.user_id);
    byEmail.set(email, user.user_id);
  }
  ids.sort();
});

const marked = (q?: string) => (q ? `app_metadata.mark:"${MARK}" AND (${q})` : `app_metadata.mark:"${MARK}"`);

describe("auth0 SDK v7: users.list", () => {
  const management = new ManagementClientV7(options);

  it("auto-paginates a search with for await, every user once, in a stable order", async () => {
    const seen: string[] = [];
    for await (const user of await management.users.list({ q: marked(), search_engine: "v3", per_page: 2 })) seen.push(user.user_id!);
    expect(seen).toEqual(ids);
  });

  it("pages with hasNextPage/getNextPage and reads the envelope the SDK asked for", async () => {
    let page = await management.users.list({ q: marked(), per_page: 3, sort: "email:-1" });
    const emails: string[] = [...page.data.map((user) => user.email!)];
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      emails.push(...page.data.map((user) => user.email!));
    }
    expect(emails).toEqual([...byEmail.keys()].sort().reverse());
  });

  it("searches metadata (nested, through arrays) and returns users with their metadata", async () => {
    const page = await management.users.list({ q: marked('user_metadata.team:"blue" AND user_metadata.profile.tags:t0'), sort: "email:1" });
    expect(page.data.map((user) => user.email)).toEqual([`${MARK}-0@sdk.example`, `${MARK}-6@sdk.example`]);
    expect(page.data[0]).toMatchObject({ user_metadata: { team: "blue", profile: { level: 0 } }, app_metadata: { mark: MARK, plan: "free" } });
    const numbers = await management.users.list({ q: marked("user_metadata.profile.level:3"), fields: "user_id,email", include_fields: true });
    expect(numbers.data).toEqual([{ user_id: byEmail.get(`${MARK}-3@sdk.example`), email: `${MARK}-3@sdk.example` }]);
  });

  it("raises BadRequestError with Auth0's body for an invalid query", async () => {
    await expect(management.users.list({ q: "name:(" })).rejects.toMatchObject({
      statusCode: 400,
      body: { errorCode: "invalid_query_string" },
    });
    await expect(management.users.list({ q: "user_metadata.team:bl*" })).rejects.toMatchObject({ statusCode: 400 });
    await expect(management.users.list({ search_engine: "v2", q: "name:x" })).rejects.toMatchObject({
      statusCode: 400,
      body: { message: "You are not allowed to use search_engine=v2. Use search_engine=v3 instead." },
    });
  });
});

describe("auth0 SDK v4: users.getAll", () => {
  const management = new ManagementClientV4(options);

  it("answers include_totals with {start, limit, length, total, users}", async () => {
    const { data } = await management.users.getAll({ q: marked(), search_engine: "v3", include_totals: true, per_page: 3, page: 1 });
    expect(data).toMatchObject({ start: 3, limit: 3, length: 3, total: TEAMS.length });
    expect(data.users.map((user) => user.user_id)).toEqual(ids.slice(3, 6));
  });

  it("answers a bare array without include_totals, and an empty one past the end", async () => {
    const { data } = await management.users.getAll({ q: marked('user_metadata.team:"red"'), sort: "email:1" });
    expect(data.map((user) => user.email)).toEqual([`${MARK}-1@sdk.example`, `${MARK}-5@sdk.example`]);
    const { data: past } = await management.users.getAll({ q: marked(), page: 5, per_page: 10 });
    expect(past).toEqual([]);
  });

  it("raises ManagementApiError with Auth0's errorCode", async () => {
    await expect(management.users.getAll({ q: "nosuchfield:x" })).rejects.toMatchObject({ statusCode: 400, errorCode: "invalid_query_string" });
    await expect(management.users.getAll({ page: 11, per_page: 100 })).rejects.toMatchObject({ statusCode: 400, errorCode: "invalid_paging" });
  });
});
