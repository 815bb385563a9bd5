// The dashboard specs' own Gatehouse instance, one per Playwright worker.
//
// Why not the suite's shared instance (scripts/e2e-server.mjs): it has no operator until
// e2e/setup.spec.ts uses its one-time setup link, and operators cannot be made through the
// Management API (by design: lib/services/users/assert-user-manageable.ts). So this fixture starts
// a second instance of the same production build with GATEHOUSE_ADMIN_EMAIL/PASSWORD (the first
// operator, created at boot), the bootstrap M2M client for assertions through the Management API,
// and an SMTP server in this process that keeps what it receives in memory (waitForEmail). On
// E2E_DB=postgres it gets a fresh PostgreSQL database, dropped afterwards.
//
// Specs use `test` from here: `baseURL` points at the dashboard instance, `dashboard` gives its
// API and emails, and `operatorPage` is a page already signed in as the operator (the sign-in runs
// once per worker; its cookies are reused by every test).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { SMTPServer } from "smtp-server";

export { expect };

export const OPERATOR_EMAIL = "operator@dashboard.example";
export const OPERATOR_PASSWORD = "Harbour-Lantern-Quay-4821";
const CLIENT_ID = "dashboard-e2e-automation";
const CLIENT_SECRET = "dashboard-e2e-automation-secret-0123456789-abcdef";
export const USER_PASSWORD = "Correct-Horse-42";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

export type SentEmail = { to: string[]; subject: string; text: string; links: string[] };

export type DashboardInstance = {
  origin: string;
  issuer: string;
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
  /** The newest email to `to` whose subject matches, waiting for it. */
  waitForEmail(to: string, subject: RegExp, timeoutMs?: number): Promise<SentEmail>;
  emailsTo(to: string): SentEmail[];
};

export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString("hex")}`;
export const uniqueEmail = (prefix = "user") => `${unique(prefix)}@example.com`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const decodeQuotedPrintable = (value: string) => value.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** A new instance (the worker fixture below, or a spec that needs one of its own, e.g. to turn MFA on for everyone). */
export async function startInstance(): Promise<DashboardInstance & { close(): Promise<void> }> {
  const emails: SentEmail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const text = decodeQuotedPrintable(raw);
        emails.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? "",
          text,
          links: [...new Set([...text.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0].replace(/&amp;/g, "&")))],
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;

  const dataDir = mkdtempSync(join(tmpdir(), "gatehouse-dash-e2e-"));
  let databaseUrl = `file:${join(dataDir, "gatehouse.db")}`;
  let dropDatabase = async () => {};
  if (process.env.E2E_DB === "postgres") {
    const adminUrl = process.env.GATEHOUSE_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const name = `gh_dash_e2e_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    };
  }

  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const issuer = `${origin}/`;
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production" };
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith("GATEHOUSE_") || ["DATABASE_URL", "REDIS_URL", "SMTP_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET"].includes(name)) continue;
    env[name] = value;
  }
  Object.assign(env, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    GATEHOUSE_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: "127.0.0.1",
    GATEHOUSE_ISSUER: issuer,
    GATEHOUSE_BCRYPT_COST: "4",
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    SMTP_FROM: "Gatehouse Dashboard E2E <no-reply@localhost>",
    GATEHOUSE_BOOTSTRAP_CLIENT_ID: CLIENT_ID,
    GATEHOUSE_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET,
    GATEHOUSE_ADMIN_EMAIL: OPERATOR_EMAIL,
    GATEHOUSE_ADMIN_PASSWORD: OPERATOR_PASSWORD,
    LOG_LEVEL: process.env.E2E_SERVER_LOG ? "info" : "warn",
  });
  const child: ChildProcess = spawn(process.execPath, [join(projectRoot, "server.mjs")], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", process.env.E2E_SERVER_LOG ? "inherit" : "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the dashboard's Gatehouse instance exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error("the dashboard's Gatehouse instance did not become ready in 90 s");
    await new Promise((r) => setTimeout(r, 200));
  }

  let token: Promise<string> | undefined;
  const managementToken = async () => {
    const response = await fetch(`${issuer}oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: `${issuer}api/v2/` }),
    });
    if (!response.ok) throw new Error(`management token: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  };

  const emailsTo = (to: string) => emails.filter((m) => m.to.includes(to.toLowerCase()));
  return {
    origin,
    issuer,
    async api<T>(method: string, path: string, body?: unknown): Promise<T> {
      token ??= managementToken();
      const response = await fetch(`${issuer}api/v2${path}`, {
        method,
        headers: { authorization: `Bearer ${await token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    emailsTo,
    async waitForEmail(to, subject, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = emailsTo(to).filter((m) => subject.test(m.subject)).at(-1);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no email to ${to} matching ${subject} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      child.kill("SIGTERM");
      await exited;
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await dropDatabase().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Fills and sends the hosted login form (the operators' login page). */
export async function fillHostedLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel(/^Email address/).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
}

/** Signs in through the real flow: /dashboard → sign-in page → hosted login → back. */
export async function signInToDashboard(page: Page, email = OPERATOR_EMAIL, password = OPERATOR_PASSWORD): Promise<void> {
  // Generous waits: a fresh instance's first requests are slow on a loaded 2-core machine.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/sign-in/, { timeout: 20_000 });
  await page.getByRole("button", { name: "Sign in with your operator account" }).click();
  await expect(page).toHaveURL(/\/u\/login\?state=/, { timeout: 20_000 });
  await fillHostedLogin(page, email, password);
}

async function signedInState(browser: Browser, origin: string): Promise<string> {
  const context = await browser.newContext({ baseURL: origin });
  const page = await context.newPage();
  await signInToDashboard(page);
  // The instance's first login also loads the breached-password corpus: give it time.
  await expect(page.getByTestId("operator-email")).toHaveText(OPERATOR_EMAIL, { timeout: 30_000 });
  const file = join(tmpdir(), `gatehouse-dash-state-${process.pid}-${randomBytes(4).toString("hex")}.json`);
  await context.storageState({ path: file });
  await context.close();
  return file;
}

type WorkerFixtures = { dashboard: DashboardInstance; operatorState: string };
type TestFixtures = { operatorPage: Page };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  dashboard: [
    // eslint-disable-next-line no-empty-pattern -- Playwright's fixture signature
    async ({}, use) => {
      const instance = await startInstance();
      await use(instance);
      await instance.close();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  operatorState: [
    async ({ browser, dashboard }, use) => {
      const file = await signedInState(browser, dashboard.origin);
      await use(file);
      rmSync(file, { force: true });
    },
    { scope: "worker", timeout: 60_000 },
  ],
  baseURL: async ({ dashboard }, use) => {
    await use(dashboard.origin);
  },
  operatorPage: async ({ browser, dashboard, operatorState }, use) => {
    const context = await browser.newContext({ baseURL: dashboard.origin, storageState: operatorState });
    const page = await context.newPage();
    await use(page);
    await context.close();
  },
});

/** A user in the default database connection, through the Management API. */
export async function createUser(dashboard: DashboardInstance, fields: Record<string, unknown> = {}): Promise<{ user_id: string; email: string } & Record<string, unknown>> {
  return dashboard.api("POST", "/users", { connection: "Username-Password-Authentication", email: uniqueEmail(), password: USER_PASSWORD, email_verified: true, ...fields });
}
