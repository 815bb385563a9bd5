// The hosted login page's service (lib/services/login): a login transaction started by /authorize,
// completed with a password — session, login record, code — and every way it must refuse:
// unknown or expired transactions, wrong credentials (the same answer for an unknown user and a
// wrong password, in the same time), connections the application may not use, blocked users, and
// CSRF tokens of another form or transaction.
import { beforeAll, describe, expect, it } from "vitest";
import { authorizeRequest, callbackParams, createApp, enableConnection, interactionState, logEvents, CALLBACK, type App } from "../helpers/hosted-login.ts";
import { api, createConnection, createUser, db, DEFAULT_CONNECTION, PASSWORD, uniqueEmail } from "../helpers/users.ts";

const { loginWithPassword } = await import("../../lib/services/login/login-with-password.ts");
const { loadLoginContext } = await import("../../lib/services/login/login-context.ts");
const { LoginTransactionError } = await import("../../lib/services/login/login-errors.ts");
const { PasswordLoginError, WRONG_CREDENTIALS } = await import("../../lib/services/authentication/authenticate-password.ts");
const { lostTransactionDestination } = await import("../../lib/services/login/lost-transaction-destination.ts");
const { transactionCsrfPurpose } = await import("../../lib/services/login/transaction-csrf.ts");
const { csrfToken, verifyCsrf, CsrfError } = await import("../../lib/security/csrf.ts");
const { findActiveSession } = await import("../../lib/oidc/sessions/sessions.ts");
const { findLoginTransaction } = await import("../../lib/oidc/authorize/login-transactions.ts");

let app: App;

beforeAll(async () => {
  app = await createApp();
});

async function newLogin(params: Record<string, string> = {}, client: App = app): Promise<string> {
  return interactionState(await authorizeRequest({ client_id: client.client_id, state: "app-state", ...params }));
}

async function loginError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PasswordLoginError);
  return error as InstanceType<typeof PasswordLoginError>;
}

describe("loginWithPassword", () => {
  it("logs in: session, login record, `s` event, and the code back to the application", async () => {
    const user = await createUser({ email_verified: true });
    const state = await newLogin({ nonce: "n-1" });
    const completed = await loginWithPassword(await db(), { state, identifier: (user.email as string).toUpperCase(), password: PASSWORD, ip: "198.51.100.4", userAgent: "vitest" });

    const params = callbackParams(completed.outcome);
    expect(params.get("code")).toMatch(/.{20,}/);
    expect(params.get("state")).toBe("app-state");
    expect(params.get("iss")).toBe("https://gatehouse.test/");

    const session = await findActiveSession(await db(), completed.sessionCookie.value);
    expect(session?.user_id).toBe(user.user_id);
    expect(session?.amr).toEqual(["pwd"]);
    expect(session?.ip).toBe("198.51.100.4");
    // Max-Age is the session's absolute lifetime (tenant default 168 h).
    expect(completed.sessionCookie.maxAgeSeconds).toBe(168 * 3600);

    const row = await (await db()).user.findUniqueOrThrow({ where: { user_id: user.user_id as string } });
    expect(row.logins_count).toBe(1);
    expect(row.last_ip).toBe("198.51.100.4");
    expect((await logEvents({ type: "s", user_id: user.user_id })).map((e) => e.client_id)).toEqual([app.client_id]);
    // The transaction is completed: it cannot be used again.
    expect(await findLoginTransaction(await db(), state)).toBeNull();
    await expect(loginWithPassword(await db(), { state, identifier: user.email as string, password: PASSWORD })).rejects.toBeInstanceOf(LoginTransactionError);
  });

  it("an unknown user and a wrong password fail with the same error and message, and log fu / fp", async () => {
    const user = await createUser();
    const state = await newLogin();
    const unknownEmail = uniqueEmail("nobody");
    const unknown = await loginError(loginWithPassword(await db(), { state, identifier: unknownEmail, password: PASSWORD }));
    const wrong = await loginError(loginWithPassword(await db(), { state, identifier: user.email as string, password: `${PASSWORD}x` }));
    expect([unknown.code, unknown.message]).toEqual(["invalid_user_password", WRONG_CREDENTIALS]);
    expect([wrong.code, wrong.message]).toEqual([unknown.code, unknown.message]);
    expect(await logEvents({ type: "fu", user_name: unknownEmail })).toHaveLength(1);
    expect(await logEvents({ type: "fp", user_id: user.user_id })).toHaveLength(1);
    // Nothing was logged in, and the transaction is still usable.
    expect(await (await db()).session.count({ where: { user_id: user.user_id as string } })).toBe(0);
    expect(await findLoginTransaction(await db(), state)).not.toBeNull();
  });

  it("an unknown user and a wrong password take the same time (no timing signal)", async () => {
    // authenticatePassword compares an unknown identifier against a dummy hash made at the
    // configured cost (GATEHOUSE_BCRYPT_COST), the cost of every real user's hash.
    const user = await createUser();
    const stored = await (await db()).userPassword.findUniqueOrThrow({ where: { user_id: user.user_id as string } });
    const { env } = await import("../../lib/env.ts");
    expect(stored.hash.slice(0, 7)).toBe(`$2b$${String(env().bcryptCost).padStart(2, "0")}$`);
    const state = await newLogin();
    const time = async (identifier: string) => {
      const started = performance.now();
      await loginWithPassword(await db(), { state, identifier, password: "Not-the-password-1" }).catch(() => undefined);
      return performance.now() - started;
    };
    await time(user.email as string); // warm-up
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 8; i++) {
      unknown.push(await time(uniqueEmail("ghost")));
      wrong.push(await time(user.email as string));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const [u, w] = [median(unknown), median(wrong)];
    // Both compare one bcrypt hash of the same cost: the medians agree within noise.
    expect(Math.abs(u - w)).toBeLessThan(Math.max(15, 0.5 * Math.max(u, w)));
  });

  it("offers only the connections enabled for the application, and only the requested one", async () => {
    const other = await createConnection();
    await enableConnection(other.id, app.client_id);
    const outsider = await createUser({ connection: other.name });
    // Enabled on `other` by default (new applications get every connection): disable it for this one.
    const scoped = await createApp();
    await api("PATCH", `/connections/${other.id}/clients`, [{ client_id: scoped.client_id, status: false }]);
    const context = await loadLoginContext(await db(), await newLogin({}, scoped));
    expect(context?.connections.map((c) => c.name)).not.toContain(other.name);
    expect(context?.connections.map((c) => c.name)).toContain(DEFAULT_CONNECTION);
    const refused = await loginError(loginWithPassword(await db(), { state: await newLogin({}, scoped), identifier: outsider.email as string, password: PASSWORD }));
    expect(refused.message).toBe(WRONG_CREDENTIALS);

    // `connection` narrows the offer to that connection: a user of another enabled one is refused.
    const regular = await createUser();
    const narrowed = await newLogin({ connection: other.name });
    expect((await loadLoginContext(await db(), narrowed))?.connections.map((c) => c.name)).toEqual([other.name]);
    await loginError(loginWithPassword(await db(), { state: narrowed, identifier: regular.email as string, password: PASSWORD }));
    const ok = await loginWithPassword(await db(), { state: narrowed, identifier: outsider.email as string, password: PASSWORD });
    expect(callbackParams(ok.outcome).get("code")).toBeTruthy();
  });

  it("accepts a username on connections with requires_username", async () => {
    const connection = await createConnection({ requires_username: true });
    await enableConnection(connection.id, app.client_id);
    const username = `u${Math.random().toString(36).slice(2, 10)}`;
    const user = await createUser({ connection: connection.name, username });
    const state = await newLogin({ connection: connection.name });
    expect((await loadLoginContext(await db(), state))?.connections[0]?.requiresUsername).toBe(true);
    const completed = await loginWithPassword(await db(), { state, identifier: username.toUpperCase(), password: PASSWORD });
    expect((await findActiveSession(await db(), completed.sessionCookie.value))?.user_id).toBe(user.user_id);
  });

  it("a blocked user is told so (after the right password only)", async () => {
    const user = await createUser({ blocked: true });
    const blocked = await loginError(loginWithPassword(await db(), { state: await newLogin(), identifier: user.email as string, password: PASSWORD }));
    expect(blocked.code).toBe("blocked");
    const wrong = await loginError(loginWithPassword(await db(), { state: await newLogin(), identifier: user.email as string, password: "Wrong-Password-1" }));
    expect(wrong.code).toBe("invalid_user_password");
  });

  it("unknown, malformed and expired transactions are refused", async () => {
    const user = await createUser();
    for (const state of ["", "nope", "A".repeat(32), "../../etc/passwd"])
      await expect(loginWithPassword(await db(), { state, identifier: user.email as string, password: PASSWORD })).rejects.toBeInstanceOf(LoginTransactionError);
    const state = await newLogin();
    await (await db()).loginTransaction.update({ where: { id: state }, data: { expires_at: new Date(Date.now() - 1000) } });
    await expect(loginWithPassword(await db(), { state, identifier: user.email as string, password: PASSWORD })).rejects.toBeInstanceOf(LoginTransactionError);
    expect(await (await db()).session.count({ where: { user_id: user.user_id as string } })).toBe(0);
  });

  it("a lost transaction restarts at the application's initiate_login_uri (https only), else the error page", async () => {
    const withLoginUri = await createApp({ initiate_login_uri: "https://app.example.com/login" });
    const state = await newLogin({}, withLoginUri);
    await (await db()).loginTransaction.update({ where: { id: state }, data: { expires_at: new Date(Date.now() - 1000) } });
    expect(await lostTransactionDestination(await db(), state)).toBe("https://app.example.com/login");
    // Without one (and no tenant default_redirection_uri): the error page.
    const plain = await newLogin();
    await (await db()).loginTransaction.update({ where: { id: plain }, data: { completed_at: new Date() } });
    expect(await lostTransactionDestination(await db(), plain)).toBeNull();
    // An unknown state never redirects anywhere.
    expect(await lostTransactionDestination(await db(), "B".repeat(32))).toBeNull();
    expect(await lostTransactionDestination(await db(), "https://evil.example/")).toBeNull();
  });

  it("re-authenticating the same user keeps the session id and replaces its secret; another user replaces the session", async () => {
    const user = await createUser();
    const first = await loginWithPassword(await db(), { state: await newLogin(), identifier: user.email as string, password: PASSWORD });
    const sid = first.sessionCookie.value.split(".")[0];
    const again = await loginWithPassword(await db(), { state: await newLogin({ prompt: "login" }), identifier: user.email as string, password: PASSWORD, currentSessionCookie: first.sessionCookie.value });
    expect(again.sessionCookie.value.split(".")[0]).toBe(sid);
    expect(again.sessionCookie.value).not.toBe(first.sessionCookie.value);
    expect(await findActiveSession(await db(), first.sessionCookie.value)).toBeNull();
    expect((await findActiveSession(await db(), again.sessionCookie.value))?.id).toBe(sid);

    const someoneElse = await createUser();
    const switched = await loginWithPassword(await db(), { state: await newLogin(), identifier: someoneElse.email as string, password: PASSWORD, currentSessionCookie: again.sessionCookie.value });
    expect(switched.sessionCookie.value.split(".")[0]).not.toBe(sid);
    const old = await (await db()).session.findUniqueOrThrow({ where: { id: sid! } });
    expect(old.revoked_at).not.toBeNull();
  });

  it("response_mode=form_post answers with the form to post, and third-party applications go to consent first", async () => {
    const user = await createUser();
    const posted = await loginWithPassword(await db(), { state: await newLogin({ response_mode: "form_post" }), identifier: user.email as string, password: PASSWORD });
    expect(posted.outcome).toMatchObject({ kind: "response", response: { kind: "form_post", action: CALLBACK, fields: { state: "app-state" } } });

    const thirdParty = await createApp({ is_first_party: false });
    const consent = await loginWithPassword(await db(), { state: await newLogin({}, thirdParty), identifier: user.email as string, password: PASSWORD });
    interactionState(consent.outcome, "/u/consent");
  });
});

describe("CSRF tokens of the hosted forms", () => {
  it("are bound to the form and to the transaction", async () => {
    const a = (await loadLoginContext(await db(), await newLogin()))!.transaction;
    const b = (await loadLoginContext(await db(), await newLogin()))!.transaction;
    const cookieValue = "c".repeat(43);
    const token = csrfToken(cookieValue, transactionCsrfPurpose("login", a));
    const check = (purpose: string, value = token) => () => verifyCsrf({ cookieValue, token: value, origin: "https://gatehouse.test", purpose });
    expect(check(transactionCsrfPurpose("login", a))).not.toThrow();
    for (const purpose of [transactionCsrfPurpose("login", b), transactionCsrfPurpose("signup", a), transactionCsrfPurpose("consent", a)])
      expect(check(purpose)).toThrow(CsrfError);
    expect(check(transactionCsrfPurpose("login", a), "")).toThrow(CsrfError);
    // A token from another site's page: refused by Origin first, whatever it carries.
    expect(() => verifyCsrf({ cookieValue, token, origin: "https://evil.example", purpose: transactionCsrfPurpose("login", a) })).toThrow(CsrfError);
  });
});

describe("/u/continue (the form_post response of a hosted form)", () => {
  it("renders the sealed response once, only for its own transaction; a forged or foreign cookie gets the error page", async () => {
    const { call } = await import("../helpers/app.ts");
    const { sealPendingFormPost, pendingFormPostCookie } = await import("../../app/(hosted)/u/_shared/pending-form-post.ts");
    const { name } = pendingFormPostCookie();
    const state = "C".repeat(32);
    const sealed = sealPendingFormPost(state, { action: CALLBACK, fields: { code: "the-code", state: "app-state" } });

    const page = await call("GET", `/u/continue?state=${state}`, { headers: { cookie: `${name}=${sealed}` } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`action="${CALLBACK}"`);
    expect(html).toContain('name="code" value="the-code"');
    expect(page.headers.get("content-security-policy")).toContain("form-action https://app.example.com");
    expect(page.headers.get("set-cookie")).toMatch(new RegExp(`^${name}=; .*Max-Age=0`));

    for (const cookie of [`${name}=${sealed}x`, `${name}=${sealPendingFormPost("D".repeat(32), { action: "https://evil.example/", fields: {} })}`, ""]) {
      const refused = await call("GET", `/u/continue?state=${state}`, { headers: { cookie } });
      expect(refused.status).toBe(302);
      expect(refused.headers.get("location")).toMatch(/^\/u\/error\?error=invalid_request/);
      expect(await refused.text()).not.toContain("evil.example");
    }
  });
});
