// Breached password detection (auth0-management-api.md §7.4, auth0-authentication.md F.3), driven
// through the tenant settings API and the real endpoints: signup (/dbconnections/signup) refused or
// allowed with the operators notified; password changes (PATCH /users, the reset link) refused;
// login (password-realm grant) flagging the user, refused until the password is reset through the
// link in the "Password Breach Alert" received by a real SMTP server, then working again; the
// `pwd_leak` / `signup_pwd_leak` / `reset_pwd_leak` events; the flag in the user's representation;
// and the optional k-anonymity range check against a fake range server started here.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { linkIn, useTestSmtp, type TestSmtpServer } from "../helpers/smtp.ts";
import { api, createUser, db, DEFAULT_CONNECTION, PASSWORD, tag, uniqueEmail, userPath } from "../helpers/users.ts";
import { TEST_ADMIN_EMAIL, TEST_ISSUER } from "../setup/test-env.ts";

const REALM = "http://auth0.com/oauth/grant-type/password-realm";
/** In the shipped corpus (SecLists top 1M) and good enough for the default policy. */
const LEAKED = "Passw0rd!";
/** Auth0's documented test-password prefix, always breached. */
const TEST_LEAKED = "AUTH0-TEST-Leaked-Secret-7";
let smtp: TestSmtpServer;
let app: { client_id: string; client_secret: string };
let ipCounter = 0;
/** A fresh end-user IP per login: pwd_leak events are throttled per IP. */
const nextIp = () => `198.51.100.${++ipCounter}`;

async function settle() {
  const { settleBackgroundWork } = await import("../../lib/email/background.ts");
  await settleBackgroundWork();
}

async function post(path: string, json: unknown, headers: Record<string, string> = {}) {
  const response = await call("POST", path, { json, headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const signup = (email: string, password: string) => post("/dbconnections/signup", { client_id: app.client_id, connection: DEFAULT_CONNECTION, email, password });

async function login(username: string, password: string) {
  const response = await call("POST", "/oauth/token", {
    form: { grant_type: REALM, client_id: app.client_id, client_secret: app.client_secret, realm: DEFAULT_CONNECTION, username, password },
    // A trusted backend forwarding each end user's IP: pwd_leak events are throttled per IP.
    headers: { "auth0-forwarded-for": nextIp() },
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function configure(settings: Record<string, unknown>) {
  const r = await api("PATCH", "/attack-protection/breached-password-detection", settings);
  expect(r.status).toBe(200);
  return r.body;
}

/** Log events are committed by a worker; poll briefly. */
async function events(where: Record<string, unknown>, atLeast = 1) {
  await settle();
  const database = await db();
  for (let i = 0; i < 100; i++) {
    const rows = await database.logEvent.findMany({ where, orderBy: { log_id: "asc" } });
    if (rows.length >= atLeast) return rows;
    await new Promise((r) => setTimeout(r, 20));
  }
  return database.logEvent.findMany({ where, orderBy: { log_id: "asc" } });
}

const ticketOf = (link: string) => new URL(link).searchParams.get("ticket")!;

beforeAll(async () => {
  smtp = await useTestSmtp();
  app = (await api("POST", "/clients", { name: `bpd-${tag()}`, app_type: "regular_web", grant_types: [REALM, "password"], is_token_endpoint_ip_header_trusted: true })).body;
});

afterAll(async () => {
  await settle();
  const { closeSmtpTransports } = await import("../../lib/email/transport.ts");
  closeSmtpTransports();
  await smtp.stop();
});

describe("the corpus", () => {
  it("knows common breached passwords, Auth0's test passwords, and not a random one", async () => {
    const { inLocalCorpus, localCorpusSize } = await import("../../lib/attack-protection/breached-passwords/corpus.ts");
    expect(await localCorpusSize()).toBeGreaterThan(900_000);
    for (const password of ["123456", "password", "iloveyou", LEAKED, "Paaf213XXYYZZ", "Paat739!!WWXXYYZZ", TEST_LEAKED]) expect(await inLocalCorpus(password)).toBe(true);
    for (const password of [PASSWORD, `Unlikely-${tag()}-Passphrase`, "Correct-Horse-43"]) expect(await inLocalCorpus(password)).toBe(false);
  });
});

describe("disabled (the default)", () => {
  it("checks nothing", async () => {
    const settings = await api("GET", "/attack-protection/breached-password-detection");
    expect(settings.body.enabled).toBe(false);
    const email = uniqueEmail("off");
    expect((await signup(email, LEAKED)).status).toBe(200);
    expect((await login(email, LEAKED)).status).toBe(200);
    expect(await (await db()).breachedPassword.count()).toBe(0);
  });
});

describe("signup (pre-user-registration)", () => {
  it("refuses a breached password with `block` and logs signup_pwd_leak", async () => {
    await configure({ enabled: true, shields: [], stage: { "pre-user-registration": { shields: ["block"] } } });
    const email = uniqueEmail("signup-block");
    const r = await signup(email, LEAKED);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: "password_leaked", statusCode: 400 });
    expect(await (await db()).user.count({ where: { email: email.toLowerCase() } })).toBe(0);
    const [event] = await events({ type: "signup_pwd_leak", user_name: email });
    expect(event).toMatchObject({ client_id: app.client_id, connection: DEFAULT_CONNECTION });
    expect(event!.details).toMatchObject({ stage: "pre-user-registration", source: "local", blocked: true });
    // A password that is not breached still signs up.
    expect((await signup(uniqueEmail("signup-ok"), PASSWORD)).status).toBe(200);
  });

  it("allows it without `block`, and emails the operators with admin_notification", async () => {
    await configure({ enabled: true, admin_notification_frequency: ["immediately"], stage: { "pre-user-registration": { shields: ["admin_notification"] } } });
    const email = uniqueEmail("signup-allowed");
    const r = await signup(email, LEAKED);
    expect(r.status).toBe(200);
    const [event] = await events({ type: "signup_pwd_leak", user_name: email });
    expect(event!.details).toMatchObject({ blocked: false });
    const notice = await smtp.waitFor(TEST_ADMIN_EMAIL, /Breached password detected \(signup\)/);
    expect(notice.text).toContain(email.toLowerCase().split("@")[0]);
  });
});

describe("the hosted pages' services", () => {
  it("signup: the password field says why; login: the page gets Auth0's password_leaked message", async () => {
    await configure({ enabled: true, shields: ["block"], stage: { "pre-user-registration": { shields: ["block"] } } });
    const { authorizeRequest, createApp, interactionState } = await import("../helpers/hosted-login.ts");
    const { loadLoginContext } = await import("../../lib/services/login/login-context.ts");
    const { signupUser } = await import("../../lib/services/login/signup-user.ts");
    const { loginWithPassword } = await import("../../lib/services/login/login-with-password.ts");
    const hosted = await createApp();
    const signupState = interactionState(await authorizeRequest({ client_id: hosted.client_id, screen_hint: "signup", state: "s" }), "/u/signup");
    const refused = await signupUser(await db(), (await loadLoginContext(await db(), signupState))!, { email: uniqueEmail("hosted"), password: LEAKED }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: "invalid_password", field: "password", message: expect.stringMatching(/data breach/) });

    const user = await createUser({ password: LEAKED });
    const loginState = interactionState(await authorizeRequest({ client_id: hosted.client_id, state: "s" }));
    const { PASSWORD_LEAKED_LOGIN } = await import("../../lib/attack-protection/breached-password-detection.ts");
    await expect(loginWithPassword(await db(), { state: loginState, identifier: user.email as string, password: LEAKED, ip: nextIp() })).rejects.toMatchObject({
      code: "password_leaked",
      message: PASSWORD_LEAKED_LOGIN,
    });
  });
});

describe("password change (pre-change-password)", () => {
  it("refuses a breached password in PATCH /users and on the reset link, logging reset_pwd_leak", async () => {
    await configure({ enabled: true, stage: { "pre-change-password": { shields: ["block"] } } });
    const user = await createUser();
    const patched = await api("PATCH", userPath(user.user_id as string), { password: LEAKED });
    expect(patched.status).toBe(400);
    expect(patched.body).toMatchObject({ errorCode: "password_leaked" });
    expect((await events({ type: "reset_pwd_leak", user_id: user.user_id }))[0]!.details).toMatchObject({ stage: "pre-change-password", blocked: true });

    const ticket = await api("POST", "/tickets/password-change", { user_id: user.user_id });
    const { resetPassword } = await import("../../lib/services/authentication/reset-password.ts");
    const database = await db();
    await expect(resetPassword(database, { token: ticketOf(ticket.body.ticket), password: TEST_LEAKED })).rejects.toMatchObject({ errorCode: "password_leaked" });
    // The ticket was not consumed by the refusal: a good password goes through.
    await resetPassword(database, { token: ticketOf(ticket.body.ticket), password: "Fresh-Unbreached-Secret-9" });
    expect(await events({ type: "reset_pwd_leak", user_id: user.user_id }, 2)).toHaveLength(2);
  });

  it("allows it without `block`", async () => {
    await configure({ enabled: true, stage: { "pre-change-password": { shields: [] } } });
    const user = await createUser();
    expect((await api("PATCH", userPath(user.user_id as string), { password: LEAKED })).status).toBe(200);
    expect((await events({ type: "reset_pwd_leak", user_id: user.user_id }))[0]!.details).toMatchObject({ blocked: false });
  });
});

describe("login", () => {
  it("flags the user, blocks password logins until a reset through the emailed link, then lets them in", async () => {
    await configure({ enabled: true, shields: ["block", "user_notification"], stage: { "pre-change-password": { shields: ["block"] } } });
    const user = await createUser({ password: LEAKED, name: "Leaky Lou" });
    const email = user.email as string;
    const userId = user.user_id as string;

    const refused = await login(email, LEAKED);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: "password_leaked", error_description: expect.stringMatching(/previously disclosed through a data breach/) });
    const [leak] = await events({ type: "pwd_leak", user_id: userId });
    expect(leak).toMatchObject({ user_name: email, client_id: app.client_id });
    expect(leak!.details).toMatchObject({ source: "local", blocked: true });
    expect((await events({ type: "f", user_id: userId }))[0]).toMatchObject({ description: "password_leaked" });

    // The flag: stored, in the user's representation (a Gatehouse extension), in the service.
    const shown = await api("GET", userPath(userId));
    expect(shown.body.breached_password).toMatchObject({ blocked: true, detected_at: expect.any(String) });
    const { getBreachedState } = await import("../../lib/services/users/breached-password.ts");
    expect(await getBreachedState(await db(), userId)).toMatchObject({ breached: true, blocked: true, source: "local" });

    // Still refused (not throttled), and only one alert email within the hour.
    expect((await login(email, LEAKED)).status).toBe(401);
    const alert = await smtp.waitFor(email, /Password Breach Alert/);
    await settle();
    expect(smtp.to(email).filter((m) => /Password Breach Alert/.test(m.subject))).toHaveLength(1);
    expect(alert.text).toMatch(/blocked until you choose a new one/);
    const link = linkIn(alert, `${TEST_ISSUER}u/reset-verify?ticket=`);

    // The fix: the emailed link, a breached new password refused, then a good one.
    const { resetPassword } = await import("../../lib/services/authentication/reset-password.ts");
    await expect(resetPassword(await db(), { token: ticketOf(link), password: "Paaf213XXYYZZ" })).rejects.toMatchObject({ errorCode: "password_leaked" });
    await resetPassword(await db(), { token: ticketOf(link), password: "Brand-New-Unleaked-7" });
    expect(await getBreachedState(await db(), userId)).toEqual({ breached: false });
    expect((await api("GET", userPath(userId))).body.breached_password).toBeUndefined();

    const ok = await login(email, "Brand-New-Unleaked-7");
    expect(ok.status).toBe(200);
    expect(ok.body.access_token).toBeTruthy();
  });

  it("with user_notification only: lets the login through, flags (unblocked) and emails the user", async () => {
    await configure({ enabled: true, shields: ["user_notification"] });
    const user = await createUser({ password: LEAKED });
    const r = await login(user.email as string, LEAKED);
    expect(r.status).toBe(200);
    const { getBreachedState } = await import("../../lib/services/users/breached-password.ts");
    expect(await getBreachedState(await db(), user.user_id as string)).toMatchObject({ breached: true, blocked: false });
    const alert = await smtp.waitFor(user.email as string, /Password Breach Alert/);
    expect(alert.text).toMatch(/choose a new password now/);
    expect((await events({ type: "pwd_leak", user_id: user.user_id }))[0]!.details).toMatchObject({ blocked: false });
  });

  it("a PATCH of the password clears the flag; the dashboard's send-reset emails a fresh link", async () => {
    await configure({ enabled: true, shields: ["block"] });
    const user = await createUser({ password: LEAKED });
    const userId = user.user_id as string;
    expect((await login(user.email as string, LEAKED)).status).toBe(401);
    const { getBreachedState, sendBreachedPasswordReset } = await import("../../lib/services/users/breached-password.ts");
    const database = await db();
    const sent = await sendBreachedPasswordReset(database, userId, { actor: { kind: "operator", userId: "op", email: TEST_ADMIN_EMAIL } });
    expect(sent.sent).toBe(true);
    await sent.delivery;
    const alert = await smtp.waitFor(user.email as string, /Password Breach Alert/);
    expect(linkIn(alert, `${TEST_ISSUER}u/reset-verify?ticket=`)).toBeTruthy();
    expect((await getBreachedState(database, userId)) as { notified_at: Date | null }).toMatchObject({ notified_at: expect.any(Date) });

    expect((await api("PATCH", userPath(userId), { password: "Operator-Set-Secret-3" })).status).toBe(200);
    expect(await getBreachedState(database, userId)).toEqual({ breached: false });
    expect((await login(user.email as string, "Operator-Set-Secret-3")).status).toBe(200);
  });
});

describe("the remote range check (k-anonymity)", () => {
  let server: Server;
  const requested: string[] = [];
  /** Not in the local corpus; the fake service knows it. */
  const REMOTE_ONLY = `Remote-Only-${tag()}-Secret`;
  const remoteHash = createHash("sha1").update(REMOTE_ONLY).digest("hex").toUpperCase();

  beforeAll(async () => {
    server = createServer((request, response) => {
      requested.push(request.url ?? "");
      const prefix = (request.url ?? "").split("/").pop() ?? "";
      if (prefix === "FAIL0") return void response.writeHead(500).end();
      const lines = [`${"0".repeat(35)}:0`, "ABCDEF0123456789ABCDEF0123456789ABC:12"];
      if (prefix === remoteHash.slice(0, 5)) lines.push(`${remoteHash.slice(5)}:42`);
      response.writeHead(200, { "content-type": "text/plain" }).end(lines.join("\r\n"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    process.env.GATEHOUSE_BREACHED_PASSWORD_RANGE_URL = `http://127.0.0.1:${port}/range/`;
    const { resetEnvForTests } = await import("../../lib/env.ts");
    resetEnvForTests();
  });

  afterAll(async () => {
    delete process.env.GATEHOUSE_BREACHED_PASSWORD_RANGE_URL;
    const { resetEnvForTests } = await import("../../lib/env.ts");
    resetEnvForTests();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("sends only the 5-character prefix and refuses what the service knows", async () => {
    await configure({ enabled: true, stage: { "pre-user-registration": { shields: ["block"] } } });
    const { inLocalCorpus } = await import("../../lib/attack-protection/breached-passwords/corpus.ts");
    expect(await inLocalCorpus(REMOTE_ONLY)).toBe(false);
    const email = uniqueEmail("remote");
    const r = await signup(email, REMOTE_ONLY);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("password_leaked");
    expect(requested).toContain(`/range/${remoteHash.slice(0, 5)}`);
    expect(requested.every((url) => /^\/range\/[0-9A-F]{5}$/.test(url))).toBe(true);
    expect((await events({ type: "signup_pwd_leak", user_name: email }))[0]!.details).toMatchObject({ source: "remote" });
    // Unknown to both: signs up (the service was asked, and said no).
    const before = requested.length;
    expect((await signup(uniqueEmail("remote-ok"), `Another-${tag()}-Secret`)).status).toBe(200);
    expect(requested.length).toBe(before + 1);
  });

  it("fails open when the service errors (the local corpus alone decides)", async () => {
    const { inRemoteRange } = await import("../../lib/attack-protection/breached-passwords/range-check.ts");
    process.env.GATEHOUSE_BREACHED_PASSWORD_RANGE_URL = "http://127.0.0.1:9/unreachable";
    const { resetEnvForTests } = await import("../../lib/env.ts");
    resetEnvForTests();
    try {
      expect(await inRemoteRange(REMOTE_ONLY)).toBeNull();
    } finally {
      const { port } = server.address() as { port: number };
      process.env.GATEHOUSE_BREACHED_PASSWORD_RANGE_URL = `http://127.0.0.1:${port}/range/`;
      resetEnvForTests();
    }
  });
});
