// /dbconnections/signup and /dbconnections/change_password (auth0-authentication.md Part 9), and
// the flows their emails start, followed through a real SMTP server: the verification link
// (/u/email-verification) and the reset link (/u/reset-verify) with the password rules, history,
// single use, ended sessions and cleared blocks. Enumeration safety: change_password answers the
// same for known and unknown emails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { linkIn, useTestSmtp, type TestSmtpServer } from "../helpers/smtp.ts";
import { api, createConnection, createUser, DEFAULT_CONNECTION, PASSWORD, tag, uniqueEmail } from "../helpers/users.ts";
import { TEST_ISSUER } from "../setup/test-env.ts";

let smtp: TestSmtpServer;
let app: { client_id: string; client_secret: string };
const SENT = "We've just sent you an email to reset your password.";

async function post(path: string, json: unknown, headers: Record<string, string> = {}) {
  const response = await call("POST", path, { json, headers });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // plain text
  }
  return { status: response.status, body, text, headers: response.headers };
}

const signup = (fields: Record<string, unknown>) => post("/dbconnections/signup", { client_id: app.client_id, connection: DEFAULT_CONNECTION, ...fields });
const changePassword = (email: string, extra: Record<string, unknown> = {}) => post("/dbconnections/change_password", { client_id: app.client_id, connection: DEFAULT_CONNECTION, email, ...extra });

async function database() {
  const { getDb } = await import("../../lib/db/client.ts");
  return getDb();
}
async function settle() {
  const { settleBackgroundWork } = await import("../../lib/email/background.ts");
  await settleBackgroundWork();
}
const ticketOf = (link: string) => new URL(link).searchParams.get("ticket")!;

beforeAll(async () => {
  smtp = await useTestSmtp();
  app = (await api("POST", "/clients", { name: `dbconn-${tag()}`, app_type: "spa" })).body;
});

afterAll(async () => {
  await settle();
  const { closeSmtpTransports } = await import("../../lib/email/transport.ts");
  closeSmtpTransports();
  await smtp.stop();
});

describe("POST /dbconnections/signup", () => {
  it("creates the user, answers Auth0's shape, and the verification email's link verifies the address once", async () => {
    const email = uniqueEmail("Signup");
    const r = await signup({ email, password: PASSWORD, given_name: "Ada", user_metadata: { plan: "free" } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ email: email.toLowerCase(), email_verified: false, given_name: "Ada", user_metadata: { plan: "free" } });
    expect(r.body._id).toMatch(/^[0-9a-f]{24}$/);

    const message = await smtp.waitFor(email, /Verify your email/);
    expect(message.from).toBe("no-reply@gatehouse.test");
    const link = linkIn(message, `${TEST_ISSUER}u/email-verification?ticket=`);
    const { verifyEmailWithTicket } = await import("../../lib/services/authentication/verify-email.ts");
    const db = await database();
    expect(await verifyEmailWithTicket(db, ticketOf(link))).toMatchObject({ status: "verified", email: email.toLowerCase() });
    expect((await api("GET", `/users/${encodeURIComponent(`auth0|${r.body._id}`)}`)).body.email_verified).toBe(true);
    // Single use: a second click reports the account as verified; a made-up ticket is invalid.
    expect(await verifyEmailWithTicket(db, ticketOf(link))).toMatchObject({ status: "already_verified" });
    expect(await verifyEmailWithTicket(db, "A".repeat(32))).toEqual({ status: "invalid" });
    const sent = await db.emailMessage.findMany({ where: { to: email.toLowerCase() } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: "verification", error: null });
    expect(sent[0]!.sent_at).toBeInstanceOf(Date);
    expect(sent[0]!.html).not.toContain("<script");
  });

  it("hides an existing account behind invalid_signup unless the tenant flag discloses it", async () => {
    const user = await createUser();
    const hidden = await signup({ email: user.email, password: PASSWORD });
    expect(hidden.status).toBe(400);
    expect(hidden.body).toEqual({ name: "BadRequestError", code: "invalid_signup", description: "Invalid sign up", statusCode: 400 });
    await api("PATCH", "/tenants/settings", { flags: { enable_public_signup_user_exists_error: true } });
    try {
      const disclosed = await signup({ email: user.email, password: PASSWORD });
      expect(disclosed.body).toEqual({ name: "BadRequestError", code: "user_exists", description: "The user already exists.", statusCode: 400 });
    } finally {
      await api("PATCH", "/tenants/settings", { flags: { enable_public_signup_user_exists_error: false } });
    }
  });

  it("reports the password policy in Auth0's shape", async () => {
    const r = await signup({ email: uniqueEmail(), password: "short" });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe("invalid_password");
    expect(r.body.description.verified).toBe(false);
    expect(r.body.description.rules).toEqual(
      expect.arrayContaining([{ message: "At least %d characters in length", format: [8], verified: false }]),
    );
  });

  it.each([
    ["no email", { password: PASSWORD }, "invalid_body"],
    ["no password", { email: "x@example.com" }, "invalid_body"],
    ["an unknown property", { email: "x@example.com", password: PASSWORD, admin: true }, "invalid_body"],
    ["too much metadata", { email: "x@example.com", password: PASSWORD, user_metadata: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"])) }, "invalid_body"],
    ["a non-string metadata value", { email: "x@example.com", password: PASSWORD, user_metadata: { n: 1 } }, "invalid_body"],
    ["an unknown connection", { email: "x@example.com", password: PASSWORD, connection: "nope" }, "invalid_request"],
  ])("refuses %s with a 400 in the legacy shape", async (_name, fields, code) => {
    const r = await signup(fields);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ name: "BadRequestError", code, statusCode: 400 });
  });

  it("refuses signup on a connection with disable_signup", async () => {
    const connection = await createConnection({ disable_signup: true });
    await api("PATCH", `/connections/${connection.id}/clients`, [{ client_id: app.client_id, status: true }]);
    const r = await signup({ email: uniqueEmail(), password: PASSWORD, connection: connection.name });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: "operation_not_allowed", description: "public signup is disabled" });
  });
});

describe("POST /dbconnections/change_password", () => {
  it("answers the same for a known and an unknown email, and mails only the known one", async () => {
    const user = await createUser({ name: "Known Person" });
    const unknown = uniqueEmail("unknown");
    const known = await changePassword(user.email as string);
    const missing = await changePassword(unknown);
    for (const r of [known, missing]) {
      expect(r.status).toBe(200);
      expect(r.text).toBe(SENT);
      expect(r.headers.get("content-type")).toMatch(/^text\/plain/);
    }
    await settle();
    expect(smtp.to(unknown)).toHaveLength(0);
    const message = await smtp.waitFor(user.email as string, /Reset your/);
    expect(message.text).toContain("Known Person");
    const db = await database();
    const events = await db.logEvent.findMany({ where: { type: { in: ["scpr", "fcpr"] }, client_id: app.client_id } });
    expect(events.map((e) => e.type).sort()).toEqual(["fcpr", "scpr"]);
  });

  it("the reset link sets a new password once, enforces policy and history, ends sessions and clears blocks", async () => {
    await api("PATCH", "/attack-protection/brute-force-protection", { max_attempts: 10 });
    const connection = await createConnection({ passwordPolicy: "good", password_history: { enable: true, size: 3 } });
    await api("PATCH", `/connections/${connection.id}/clients`, [{ client_id: app.client_id, status: true }]);
    const email = uniqueEmail("reset");
    const created = await api("POST", "/users", { connection: connection.name, email, password: PASSWORD, name: "Reset Person" });
    expect(created.status).toBe(201);
    const userId = created.body.user_id as string;
    const db = await database();
    const { createSession } = await import("../../lib/oidc/sessions/sessions.ts");
    await createSession(db, { userId, amr: ["pwd"] });
    await db.userBlock.create({ data: { id: `blk${tag()}`, identifier: email, ip: "192.0.2.1", connection_id: connection.id, user_id: userId } });

    expect((await changePassword(email, { connection: connection.name })).status).toBe(200);
    const message = await smtp.waitFor(email, /Reset your/);
    const link = linkIn(message, `${TEST_ISSUER}u/reset-verify?ticket=`);
    expect(link.endsWith("#")).toBe(true);
    const ticket = ticketOf(link);
    const { findPasswordResetTicket, resetPassword } = await import("../../lib/services/authentication/reset-password.ts");
    expect(await findPasswordResetTicket(db, ticket)).toMatchObject({ userId, email, policy: { passwordPolicy: "good" } });

    await expect(resetPassword(db, { token: ticket, password: "weak" })).rejects.toMatchObject({ errorCode: "password_strength_error" });
    await expect(resetPassword(db, { token: ticket, password: PASSWORD })).rejects.toMatchObject({ errorCode: "password_history_error", message: expect.stringMatching(/Password has previously been used/) });

    const done = await resetPassword(db, { token: ticket, password: "Brand-New-Secret-7" });
    expect(done).toMatchObject({ userId, clientId: app.client_id });
    await expect(resetPassword(db, { token: ticket, password: "Another-New-Secret-8" })).rejects.toMatchObject({ errorCode: "invalid_ticket" });

    const user = await db.user.findUniqueOrThrow({ where: { user_id: userId } });
    expect(user.last_password_reset).toBeInstanceOf(Date);
    expect(await db.session.count({ where: { user_id: userId, revoked_at: null } })).toBe(0);
    expect(await db.userBlock.count({ where: { user_id: userId } })).toBe(0);
    const { authenticatePassword } = await import("../../lib/services/authentication/authenticate-password.ts");
    const login = await authenticatePassword(db, { connections: [connection], identifier: email, password: "Brand-New-Secret-7", clientId: app.client_id, ip: "192.0.2.1" });
    expect(login.user.user_id).toBe(userId);
    await new Promise((r) => setTimeout(r, 100));
    expect(await db.logEvent.count({ where: { type: "scp", user_id: userId } })).toBe(1);
  });

  it("a newer reset email supersedes the older link", async () => {
    const user = await createUser();
    const email = user.email as string;
    await changePassword(email);
    await smtp.waitFor(email, /Reset your/);
    await changePassword(email);
    await settle();
    await new Promise((r) => setTimeout(r, 200));
    const links = smtp.to(email).filter((m) => /Reset your/.test(m.subject)).map((m) => linkIn(m, `${TEST_ISSUER}u/reset-verify?ticket=`));
    expect(links).toHaveLength(2);
    const { findPasswordResetTicket } = await import("../../lib/services/authentication/reset-password.ts");
    const db = await database();
    expect(await findPasswordResetTicket(db, ticketOf(links[0]!))).toBeNull();
    expect(await findPasswordResetTicket(db, ticketOf(links[1]!))).not.toBeNull();
  });

  it("rate-limits requests for one email (429 with Retry-After) without saying whether it exists", async () => {
    const email = uniqueEmail("flood");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await changePassword(email));
    expect(answers.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers[3]!.status).toBe(429);
    expect(answers[3]!.body).toMatchObject({ code: "too_many_requests", statusCode: 429 });
    expect(Number(answers[3]!.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses an unknown client or a missing email", async () => {
    expect((await post("/dbconnections/change_password", { client_id: "nope", connection: DEFAULT_CONNECTION, email: "a@b.c" })).status).toBe(400);
    expect((await post("/dbconnections/change_password", { client_id: app.client_id, connection: DEFAULT_CONNECTION })).body).toMatchObject({ code: "invalid_body" });
  });
});

describe("email without SMTP", () => {
  it("goes to the outbox (EmailMessage, not sent) and is logged", async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    const { resetEnvForTests } = await import("../../lib/env.ts");
    resetEnvForTests();
    try {
      const db = await database();
      const { sendEmail } = await import("../../lib/email/send-email.ts");
      const { welcomeEmail } = await import("../../lib/email/templates.ts");
      const to = uniqueEmail("outbox");
      const { id } = await sendEmail(db, { kind: "welcome", to, content: welcomeEmail({ tenant: "T & <Co>", name: "<b>Eve</b>", email: to, loginUrl: "https://app.example.com/login?a=1&b=2" }) });
      const row = await db.emailMessage.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ kind: "welcome", to, sent_at: null, error: null });
      expect(row.html).toContain("&lt;b&gt;Eve&lt;/b&gt;");
      expect(row.html).toContain("T &amp; &lt;Co&gt;");
      expect(row.html).toContain("https://app.example.com/login?a=1&amp;b=2");
      expect(row.text).toContain("Hello <b>Eve</b>,");
    } finally {
      process.env.SMTP_URL = saved;
      resetEnvForTests();
    }
  });

  it("a failed delivery is recorded on the message, never thrown", async () => {
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    const { resetEnvForTests } = await import("../../lib/env.ts");
    resetEnvForTests();
    try {
      const db = await database();
      const { sendEmail } = await import("../../lib/email/send-email.ts");
      const { welcomeEmail } = await import("../../lib/email/templates.ts");
      const to = uniqueEmail("bounce");
      const { id, delivery } = await sendEmail(db, { kind: "welcome", to, content: welcomeEmail({ tenant: "T", email: to }) });
      await delivery;
      const row = await db.emailMessage.findUniqueOrThrow({ where: { id } });
      expect(row.sent_at).toBeNull();
      expect(row.error).toBeTruthy();
    } finally {
      process.env.SMTP_URL = saved;
      resetEnvForTests();
    }
  });
});
