// The hosted signup page's service (lib/services/login/signup-user.ts): a user created with the
// connection's full rules, `ss` / `fs` events, the verification email,
// disable_signup, and enumeration safety for an email that already has an account
// (enable_public_signup_user_exists_error, default off).
import { beforeAll, describe, expect, it } from "vitest";
import { authorizeRequest, callbackParams, createApp, enableConnection, interactionState, logEvents, type App } from "../helpers/hosted-login.ts";
import { api, createConnection, createUser, db, DEFAULT_CONNECTION, PASSWORD, uniqueEmail } from "../helpers/users.ts";

const { loadLoginContext } = await import("../../lib/services/login/login-context.ts");
const { signupUser, SignupError, INVALID_SIGNUP } = await import("../../lib/services/login/signup-user.ts");
const { completeLogin } = await import("../../lib/services/login/complete-login.ts");
const { settleBackgroundWork } = await import("../../lib/email/background.ts");
const { findActiveSession } = await import("../../lib/oidc/sessions/sessions.ts");

let app: App;

beforeAll(async () => {
  app = await createApp();
});

async function context(params: Record<string, string> = {}) {
  const state = interactionState(await authorizeRequest({ client_id: app.client_id, screen_hint: "signup", state: "s-1", ...params }), "/u/signup");
  return (await loadLoginContext(await db(), state))!;
}

async function signupError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignupError);
  return error as InstanceType<typeof SignupError>;
}

async function setUserExistsFlag(value: boolean) {
  const r = await api("PATCH", "/tenants/settings", { flags: { enable_public_signup_user_exists_error: value } });
  expect(r.status).toBe(200);
}

describe("signupUser", () => {
  it("creates the user in the default connection, logs ss, sends the verification email, then logs in", async () => {
    const ctx = await context();
    expect(ctx.signupConnection?.name).toBe(DEFAULT_CONNECTION);
    const email = uniqueEmail("new");
    const { user, connection } = await signupUser(await db(), ctx, { email: email.toUpperCase(), password: PASSWORD });
    expect(user).toMatchObject({ email, email_verified: false });
    expect(connection.name).toBe(DEFAULT_CONNECTION);
    expect(await logEvents({ type: "ss", user_id: user.user_id })).toHaveLength(1);
    // The verification email (sent by the shared signup service, in the background).
    await settleBackgroundWork();
    const tickets = await (await db()).ticket.findMany({ where: { user_id: user.user_id, kind: "email_verification" } });
    expect(tickets.map((t) => t.client_id)).toEqual([app.client_id]);
    expect((await (await db()).emailMessage.findMany({ where: { user_id: user.user_id } })).map((m) => [m.kind, m.to])).toEqual([["verification", email]]);

    const completed = await completeLogin(await db(), { transaction: ctx.transaction, user, connection, clientName: ctx.client.name });
    expect(callbackParams(completed.outcome).get("state")).toBe("s-1");
    expect((await findActiveSession(await db(), completed.sessionCookie.value))?.user_id).toBe(user.user_id);
    expect(await logEvents({ type: "s", user_id: user.user_id })).toHaveLength(1);
  });

  it("the connection's password policy and email rules land on their fields, with an fs event", async () => {
    const ctx = await context();
    const email = uniqueEmail("weak");
    const weak = await signupError(signupUser(await db(), ctx, { email, password: "short" }));
    expect([weak.code, weak.field]).toEqual(["invalid_password", "password"]);
    expect(weak.message).toMatch(/too weak: at least 8 characters/);
    expect(await logEvents({ type: "fs", user_name: email })).toHaveLength(1);
    const badEmail = await signupError(signupUser(await db(), ctx, { email: "not-an-email", password: PASSWORD }));
    expect([badEmail.code, badEmail.field]).toEqual(["invalid_email", "email"]);
  });

  it("an existing email gets the generic invalid_signup by default: nothing says the account exists", async () => {
    const existing = await createUser();
    const error = await signupError(signupUser(await db(), await context(), { email: existing.email as string, password: PASSWORD }));
    expect(error.code).toBe("invalid_signup");
    expect(error.message).toBe(INVALID_SIGNUP);
    expect(error.field).toBeUndefined();
    expect(error.message).not.toMatch(/exist/i);
    expect(await logEvents({ type: "fs", user_name: existing.email })).toHaveLength(1);
    // The existing account is untouched.
    expect(await (await db()).user.count({ where: { email: existing.email as string } })).toBe(1);
  });

  it("with enable_public_signup_user_exists_error the page says the account exists", async () => {
    const existing = await createUser();
    await setUserExistsFlag(true);
    try {
      const error = await signupError(signupUser(await db(), await context(), { email: existing.email as string, password: PASSWORD }));
      expect([error.code, error.field]).toEqual(["user_exists", "email"]);
    } finally {
      await setUserExistsFlag(false);
    }
  });

  it("requires_username: the username is required and validated, and a taken one is reported only with the flag", async () => {
    const connection = await createConnection({ requires_username: true, validation: { username: { min: 3, max: 12 } } });
    await enableConnection(connection.id, app.client_id);
    const ctx = await context({ connection: connection.name });
    expect(ctx.signupConnection).toMatchObject({ name: connection.name, requiresUsername: true, usernameLength: { min: 3, max: 12 } });
    const missing = await signupError(signupUser(await db(), ctx, { email: uniqueEmail(), password: PASSWORD }));
    expect([missing.code, missing.field]).toEqual(["invalid_username", "username"]);
    const tooLong = await signupError(signupUser(await db(), ctx, { email: uniqueEmail(), username: "a-very-long-username", password: PASSWORD }));
    expect(tooLong.message).toMatch(/between 3 and 12/);

    const username = `taken${Math.random().toString(36).slice(2, 7)}`;
    await signupUser(await db(), ctx, { email: uniqueEmail(), username, password: PASSWORD });
    const generic = await signupError(signupUser(await db(), await context({ connection: connection.name }), { email: uniqueEmail(), username, password: PASSWORD }));
    expect(generic.code).toBe("invalid_signup");
    await setUserExistsFlag(true);
    try {
      const taken = await signupError(signupUser(await db(), await context({ connection: connection.name }), { email: uniqueEmail(), username, password: PASSWORD }));
      expect([taken.code, taken.field]).toEqual(["username_exists", "username"]);
    } finally {
      await setUserExistsFlag(false);
    }
  });

  it("disable_signup: no signup connection, and signupUser refuses (fs logged)", async () => {
    const closed = await createConnection({ disable_signup: true });
    await enableConnection(closed.id, app.client_id);
    const ctx = await context({ connection: closed.name });
    expect(ctx.connections.map((c) => c.name)).toEqual([closed.name]);
    expect(ctx.signupConnection).toBeNull();
    const email = uniqueEmail("closed");
    const error = await signupError(signupUser(await db(), ctx, { email, password: PASSWORD }));
    expect(error.code).toBe("signup_disabled");
    expect(await (await db()).user.count({ where: { email } })).toBe(0);
    expect((await logEvents({ type: "fs", user_name: email }))[0]?.connection).toBe(closed.name);
    // Logging in is still offered on it.
    expect(interactionState(await authorizeRequest({ client_id: app.client_id, connection: closed.name }))).toBeTruthy();
  });
});
