// Linked database identities keep their credentials (lib/services/users/linked-identity-credentials.ts):
// after POST /api/v2/users/{id}/identities, the secondary's email or username and password, in its
// connection, sign in as the primary (password-realm grant); a wrong password fails like an unknown
// user; the email stays taken in its connection (POST /users, signup, PATCH); a reset by email sets
// the identity's password; unlinking gives the standalone user its password back; deleting the
// primary deletes the credentials; the GDPR export lists them without hashes.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { linkIn, useTestSmtp, type TestSmtpServer } from "../helpers/smtp.ts";
import { api, createConnection, createUser, db, DEFAULT_CONNECTION, PASSWORD, tag, uniqueEmail, userPath, type Json } from "../helpers/users.ts";
import { TEST_ISSUER } from "../setup/test-env.ts";

const REALM = "http://auth0.com/oauth/grant-type/password-realm";
const SECOND_PASSWORD = "Second-Secret-93";
let smtp: TestSmtpServer;
let app: { client_id: string; client_secret: string };

const idOf = (user: Json) => (user.user_id as string).slice("auth0|".length);
const link = (primary: Json, secondary: Json) => api("POST", `${userPath(primary.user_id as string)}/identities`, { provider: "auth0", user_id: idOf(secondary) });
const unlink = (primary: Json, secondary: Json) => api("DELETE", `${userPath(primary.user_id as string)}/identities/auth0/${encodeURIComponent(idOf(secondary))}`);

async function realmLogin(username: string, password: string, realm = DEFAULT_CONNECTION) {
  const response = await call("POST", "/oauth/token", {
    form: { grant_type: REALM, client_id: app.client_id, client_secret: app.client_secret, realm, username, password, scope: "openid" },
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}
const subOf = (body: Record<string, string>) => decodeJwt(body.id_token!).sub;

async function settle() {
  const { settleBackgroundWork } = await import("../../lib/email/background.ts");
  await settleBackgroundWork();
}

async function logEvent(type: string, userName: string) {
  const database = await db();
  await settle();
  // The log sink commits asynchronously in a worker; poll briefly.
  for (let i = 0; i < 50; i++) {
    const rows = await database.logEvent.findMany({ where: { type, user_name: userName } });
    if (rows.length) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  return [];
}

async function linkedPair(secondaryFields: Json = {}) {
  const primary = await createUser({ name: "Primary Person" });
  const secondary = await createUser({ password: SECOND_PASSWORD, name: "Secondary Person", ...secondaryFields });
  const linked = await link(primary, secondary);
  expect(linked.status).toBe(201);
  return { primary, secondary };
}

beforeAll(async () => {
  smtp = await useTestSmtp();
  app = (await api("POST", "/clients", { name: `linked-creds-${tag()}`, app_type: "regular_web", grant_types: [REALM] })).body;
});

afterAll(async () => {
  await settle();
  const { closeSmtpTransports } = await import("../../lib/email/transport.ts");
  closeSmtpTransports();
  await smtp.stop();
});

describe("linked database identities keep their credentials", () => {
  it("the secondary's email and password sign in as the primary; a wrong password fails like an unknown user", async () => {
    const { primary, secondary } = await linkedPair();
    const database = await db();
    expect(await database.userPassword.count({ where: { user_id: secondary.user_id as string } })).toBe(0);
    expect(await database.linkedIdentityCredential.count({ where: { user_id: primary.user_id as string } })).toBe(1);

    const ok = await realmLogin((secondary.email as string).toUpperCase(), SECOND_PASSWORD);
    expect(ok.status).toBe(200);
    expect(subOf(ok.body)).toBe(primary.user_id);
    // The primary's own credentials still work, and the secondary's password is not the primary's.
    expect(subOf((await realmLogin(primary.email as string, PASSWORD)).body)).toBe(primary.user_id);
    expect((await realmLogin(primary.email as string, SECOND_PASSWORD)).status).toBe(403);

    const wrong = await realmLogin(secondary.email as string, "Not-The-Password-1");
    const unknown = await realmLogin(uniqueEmail("nobody"), "Not-The-Password-1");
    expect(wrong.status).toBe(403);
    expect(wrong).toEqual(unknown);
    expect(wrong.body).toEqual({ error: "invalid_grant", error_description: "Wrong email or password." });
    // The failure is logged against the primary (a known account: fp, not fu).
    const [failed] = await logEvent("fp", secondary.email as string);
    expect(failed).toMatchObject({ user_id: primary.user_id, connection: DEFAULT_CONNECTION });
  });

  it("by username in another connection, and an old-cost hash is rehashed on the linked row", async () => {
    const other = await createConnection({ requires_username: true });
    await api("PATCH", `/connections/${other.id}/clients`, [{ client_id: app.client_id, status: true }]);
    const username = `ln${tag()}`;
    const { primary, secondary } = await linkedPair({ connection: other.name, username });
    const database = await db();
    const { default: bcrypt } = await import("bcryptjs");
    // Tests hash at cost 4: a cost-5 hash needs an upgrade at the first login.
    const oldHash = bcrypt.hashSync(SECOND_PASSWORD, 5);
    await database.linkedIdentityCredential.updateMany({ where: { user_id: primary.user_id as string }, data: { hash: oldHash } });

    const byUsername = await realmLogin(username.toUpperCase(), SECOND_PASSWORD, other.name);
    expect(byUsername.status).toBe(200);
    expect(subOf(byUsername.body)).toBe(primary.user_id);
    const { findLinkedCredentialSecrets } = await import("../../lib/db/secrets.ts");
    const row = await findLinkedCredentialSecrets(database, { connectionId: other.id, providerUserId: idOf(secondary) });
    expect(row!.hash).not.toBe(oldHash);
    expect(row!.hash).toMatch(/^\$2[aby]\$04\$/);
    // Only in its own connection: the default connection does not know it.
    expect((await realmLogin(username, SECOND_PASSWORD)).status).toBe(403);
    expect(subOf((await realmLogin(secondary.email as string, SECOND_PASSWORD, other.name)).body)).toBe(primary.user_id);
  });

  it("unlinking gives the standalone user its password back", async () => {
    const { primary, secondary } = await linkedPair();
    const unlinked = await unlink(primary, secondary);
    expect(unlinked.status).toBe(200);
    const database = await db();
    expect(await database.linkedIdentityCredential.count({ where: { user_id: primary.user_id as string } })).toBe(0);
    const back = await realmLogin(secondary.email as string, SECOND_PASSWORD);
    expect(back.status).toBe(200);
    expect(subOf(back.body)).toBe(secondary.user_id);
    expect((await realmLogin(secondary.email as string, PASSWORD)).status).toBe(403);
    // Linking again works, as the first time.
    expect((await link(primary, secondary)).status).toBe(201);
    expect(subOf((await realmLogin(secondary.email as string, SECOND_PASSWORD)).body)).toBe(primary.user_id);
  });

  it("the linked identity's email and username stay taken in its connection", async () => {
    const { primary, secondary } = await linkedPair();
    const email = secondary.email as string;
    const again = await api("POST", "/users", { connection: DEFAULT_CONNECTION, email: email.toUpperCase(), password: PASSWORD });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, message: "The user already exists." });
    const signup = await call("POST", "/dbconnections/signup", { json: { client_id: app.client_id, connection: DEFAULT_CONNECTION, email, password: PASSWORD } });
    expect(signup.status).toBe(400);
    expect(await signup.json()).toMatchObject({ code: "invalid_signup" });
    const someone = await createUser();
    const patched = await api("PATCH", userPath(someone.user_id as string), { email });
    expect(patched.status).toBe(400);
    expect(patched.body.message).toBe("The specified new email already exists");
    // Another connection is another namespace.
    const other = await createConnection();
    expect((await api("POST", "/users", { connection: other.name, email, password: PASSWORD })).status).toBe(201);

    const withUsername = await createConnection({ requires_username: true });
    const username = `hd${tag()}`;
    const { primary: p2 } = await linkedPair({ connection: withUsername.name, username });
    const taken = await api("POST", "/users", { connection: withUsername.name, email: uniqueEmail(), username, password: PASSWORD });
    expect(taken.status).toBe(409);
    expect(p2.user_id).not.toBe(primary.user_id);
  });

  it("a password reset by the linked identity's email sets that identity's password", async () => {
    const { primary, secondary } = await linkedPair();
    const email = secondary.email as string;
    const sent = await call("POST", "/dbconnections/change_password", { json: { client_id: app.client_id, connection: DEFAULT_CONNECTION, email } });
    expect(sent.status).toBe(200);
    const message = await smtp.waitFor(email, /Reset your/);
    const ticket = new URL(linkIn(message, `${TEST_ISSUER}u/reset-verify?ticket=`)).searchParams.get("ticket")!;
    const database = await db();
    const { findPasswordResetTicket, resetPassword } = await import("../../lib/services/authentication/reset-password.ts");
    expect(await findPasswordResetTicket(database, ticket)).toMatchObject({ userId: primary.user_id, email, connection: { name: DEFAULT_CONNECTION } });
    const before = await database.user.findUniqueOrThrow({ where: { user_id: primary.user_id as string } });

    expect(await resetPassword(database, { token: ticket, password: "Reset-Linked-Secret-5" })).toMatchObject({ userId: primary.user_id, email });
    expect(subOf((await realmLogin(email, "Reset-Linked-Secret-5")).body)).toBe(primary.user_id);
    expect((await realmLogin(email, SECOND_PASSWORD)).status).toBe(403);
    // The primary's own password and last_password_reset are untouched.
    expect(subOf((await realmLogin(primary.email as string, PASSWORD)).body)).toBe(primary.user_id);
    const after = await database.user.findUniqueOrThrow({ where: { user_id: primary.user_id as string } });
    expect(after.last_password_reset).toEqual(before.last_password_reset);
    // Unlinked, the standalone user has the reset password.
    expect((await unlink(primary, secondary)).status).toBe(200);
    expect(subOf((await realmLogin(email, "Reset-Linked-Secret-5")).body)).toBe(secondary.user_id);
  });

  it("the GDPR export lists the linked credentials without hashes; deleting the primary deletes them", async () => {
    const { primary, secondary } = await linkedPair();
    const exported = await api("GET", `${userPath(primary.user_id as string)}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.linked_credentials).toEqual([
      {
        connection: DEFAULT_CONNECTION,
        connection_id: expect.any(String),
        provider: "auth0",
        user_id: idOf(secondary),
        email: secondary.email,
        username: null,
        password_set: true,
        linked_at: expect.any(String),
        updated_at: expect.any(String),
      },
    ]);
    expect(exported.text).not.toMatch(/\$2[aby]\$/);

    expect((await api("DELETE", userPath(primary.user_id as string))).status).toBe(204);
    const database = await db();
    expect(await database.linkedIdentityCredential.count({ where: { user_id: primary.user_id as string } })).toBe(0);
    // The email is free again in the connection.
    expect((await api("POST", "/users", { connection: DEFAULT_CONNECTION, email: secondary.email, password: PASSWORD })).status).toBe(201);
  });
});
