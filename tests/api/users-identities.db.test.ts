// Account linking: POST /api/v2/users/{id}/identities and
// DELETE /api/v2/users/{id}/identities/{provider}/{user_id} (auth0-management-api.md §3.10).
import { describe, expect, it } from "vitest";
import { managementToken } from "../helpers/tokens.ts";
import { api, createConnection, createUser, db, operatorUserId, userPath, type Json } from "../helpers/users.ts";

const idOf = (user: Json) => (user.user_id as string).slice("auth0|".length);
const link = (primary: Json, body: unknown, token?: string) => api("POST", `${userPath(primary.user_id as string)}/identities`, body, token);
const unlink = (primary: Json, secondaryId: string, provider = "auth0") =>
  api("DELETE", `${userPath(primary.user_id as string)}/identities/${provider}/${encodeURIComponent(secondaryId)}`);

describe("linking and unlinking", () => {
  it("round trip: the secondary moves into the primary's identities with its profile, then comes back as a user", async () => {
    const other = await createConnection();
    const primary = await createUser({ name: "Primary Person", user_metadata: { keep: "primary" }, app_metadata: { plan: "pro" } });
    const secondary = await createUser({ connection: other.name, name: "Secondary Person", given_name: "Sec", email_verified: true, user_metadata: { lost: true } });

    const linked = await link(primary, { provider: "auth0", user_id: idOf(secondary), connection_id: other.id });
    expect(linked.status).toBe(201);
    expect(linked.body).toEqual([
      { connection: "Username-Password-Authentication", provider: "auth0", user_id: idOf(primary), isSocial: false },
      {
        connection: other.name,
        provider: "auth0",
        user_id: idOf(secondary),
        isSocial: false,
        profileData: {
          email: secondary.email,
          email_verified: true,
          name: "Secondary Person",
          given_name: "Sec",
          nickname: secondary.nickname,
          picture: secondary.picture,
        },
      },
    ]);
    // The secondary is no longer a user; the primary keeps its own profile and metadata.
    expect((await api("GET", userPath(secondary.user_id as string))).status).toBe(404);
    const merged = (await api("GET", userPath(primary.user_id as string))).body;
    expect(merged).toMatchObject({ name: "Primary Person", user_metadata: { keep: "primary" }, app_metadata: { plan: "pro" } });
    expect(merged.identities).toEqual(linked.body);
    expect((await api("GET", `/users-by-email?email=${encodeURIComponent(secondary.email as string)}`)).body).toEqual([]);

    // Linking it again: it exists already.
    const again = await link(primary, { provider: "auth0", user_id: idOf(secondary) });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe("Specified identity already exists.");

    const unlinked = await unlink(primary, idOf(secondary));
    expect(unlinked.status).toBe(200);
    expect(unlinked.body).toEqual([linked.body[0]]);
    const back = await api("GET", userPath(secondary.user_id as string));
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({
      user_id: secondary.user_id,
      email: secondary.email,
      email_verified: true,
      name: "Secondary Person",
      given_name: "Sec",
      user_metadata: {},
      app_metadata: {},
      identities: [{ connection: other.name, provider: "auth0", user_id: idOf(secondary), isSocial: false }],
    });
    expect(back.body.identities[0]).not.toHaveProperty("profileData");
    // Searchable again by email.
    expect((await api("GET", `/users-by-email?email=${encodeURIComponent(secondary.email as string)}`)).body.map((u: Json) => u.user_id)).toEqual([secondary.user_id]);
    expect((await api("GET", userPath(primary.user_id as string))).body.identities).toHaveLength(1);
  });

  it("accepts a numeric user_id (Auth0's OAS allows string or integer)", async () => {
    const primary = await createUser();
    const secondary = await createUser({ user_id: "1234567890" });
    const r = await link(primary, { provider: "auth0", user_id: 1234567890 });
    expect(r.status).toBe(201);
    expect(r.body[1].user_id).toBe("1234567890");
  });

  it("deleting the primary deletes the linked identities with it", async () => {
    const primary = await createUser();
    const secondary = await createUser();
    expect((await link(primary, { provider: "auth0", user_id: idOf(secondary) })).status).toBe(201);
    expect((await api("DELETE", userPath(primary.user_id as string))).status).toBe(204);
    expect(await (await db()).userIdentity.count({ where: { provider_user_id: { in: [idOf(primary), idOf(secondary)] } } })).toBe(0);
    expect((await api("GET", userPath(secondary.user_id as string))).status).toBe(404);
  });

  it.each<[string, (p: Json, s: Json) => unknown, number, string]>([
    ["the primary itself", (p) => ({ provider: "auth0", user_id: idOf(p) }), 400, "Main identity and the new one are the same."],
    ["an account that does not exist", () => ({ provider: "auth0", user_id: "000000000000000000000000" }), 400, "Provided secondary account not found."],
    ["the wrong connection_id", (_p, s) => ({ provider: "auth0", user_id: idOf(s), connection_id: "con_AAAAAAAAAAAAAAAA" }), 400, "Provided secondary account not found."],
    ["another provider", (_p, s) => ({ provider: "github", user_id: idOf(s) }), 400, "Provided secondary account not found."],
    ["an ID token (link_with)", () => ({ link_with: "eyJhbGciOiJSUzI1NiJ9.e30.sig" }), 400, "link_with) is not supported yet"],
    ["link_with with provider", (_p, s) => ({ link_with: "x", provider: "auth0", user_id: idOf(s) }), 400, "link_with cannot be combined"],
    ["no provider", (_p, s) => ({ user_id: idOf(s) }), 400, "Missing required property: provider"],
    ["no user_id", () => ({ provider: "auth0" }), 400, "Missing required property: user_id"],
    ["an unknown provider", (_p, s) => ({ provider: "myspace", user_id: idOf(s) }), 400, "on property provider"],
    ["an unknown property", (_p, s) => ({ provider: "auth0", user_id: idOf(s), primary: true }), 400, "Additional properties not allowed: primary"],
    ["a malformed connection_id", (_p, s) => ({ provider: "auth0", user_id: idOf(s), connection_id: "x" }), 400, "on property connection_id"],
  ])("refuses to link %s", async (_name, body, status, message) => {
    const primary = await createUser();
    const secondary = await createUser();
    const r = await link(primary, body(primary, secondary));
    expect(r.status).toBe(status);
    expect(r.body.message).toContain(message);
    expect((await api("GET", userPath(secondary.user_id as string))).status).toBe(200);
  });

  it("refuses to link an account that has linked accounts of its own", async () => {
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    expect((await link(b, { provider: "auth0", user_id: idOf(c) })).status).toBe(201);
    const r = await link(a, { provider: "auth0", user_id: idOf(b) });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain("Unable to link with the secondary account");
  });

  it("refuses to unlink the main identity or one the user does not have", async () => {
    const primary = await createUser();
    const main = await unlink(primary, idOf(primary));
    expect(main.status).toBe(400);
    expect(main.body.message).toBe("Main identity cannot be removed.");
    const unknown = await unlink(primary, "nope");
    expect(unknown.status).toBe(400);
    expect(unknown.body.errorCode).toBe("inexistent_identity");
  });

  it("answers 404 for an unknown primary", async () => {
    const secondary = await createUser();
    expect((await link({ user_id: "auth0|nobody" }, { provider: "auth0", user_id: idOf(secondary) })).status).toBe(404);
    expect((await unlink({ user_id: "auth0|nobody" }, idOf(secondary))).status).toBe(404);
  });

  it("never links Gatehouse operators, either way round", async () => {
    const operator = { user_id: await operatorUserId() };
    const user = await createUser();
    const intoOperator = await link(operator, { provider: "auth0", user_id: idOf(user) });
    expect(intoOperator.status).toBe(400);
    expect(intoOperator.body.errorCode).toBe("operation_not_supported");
    const operatorIntoUser = await link(user, { provider: "auth0", user_id: idOf(operator) });
    expect(operatorIntoUser.status).toBe(400);
    expect(operatorIntoUser.body.errorCode).toBe("operation_not_supported");
  });

  it("needs update:users", async () => {
    const primary = await createUser();
    const secondary = await createUser();
    const r = await link(primary, { provider: "auth0", user_id: idOf(secondary) }, await managementToken("read:users"));
    expect(r.status).toBe(403);
    expect(r.body.message).toBe("Insufficient scope, expected any of: update:users,update:current_user_identities");
  });
});
