// The server Playwright's webServer starts (playwright.config.ts): the production build on a fresh
// instance in a temporary data directory, with no GATEHOUSE_ADMIN_* so it prints a setup link.
//
//   E2E_DATA_DIR       the data directory (named by playwright.config.ts; created here, removed on exit)
//   E2E_PORT           port, default 3100; the issuer is http://localhost:<port>/
//   E2E_DB             sqlite (default): a SQLite file in the data directory; postgres: a fresh
//                      PostgreSQL database on GATEHOUSE_TEST_PG_URL's server (default
//                      postgresql://postgres@127.0.0.1:5432/postgres), created here and dropped on exit
//   E2E_DATABASE_URL   optional: another database (e.g. an EMPTY PostgreSQL database) instead
//
// How the tests get the setup link: the server runs as a child process with stdout piped here.
// Every line is passed through; the first log line carrying `setup_url` is written to
// <data dir>/setup-url.txt (to a temporary name, then renamed, so a reader never sees half a
// file). Tests read that file through a fixture (e2e/fixtures.ts). No test-only route exists in the
// app, and no test reads another process's log.
//
// Email: an SMTP server (the smtp-server package) runs in this process on a free port, and the
// instance's SMTP_URL points at it. Every message it receives is written to
// <data dir>/emails/<n>.json ({to, subject, text, links}; temporary name, then renamed), where the
// specs find it (e2e/fixtures.ts `waitForEmail`) and follow its links like a person would.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { buildIfStale, projectRoot } from "./lib/build-if-stale.mjs";

/** Read by e2e/fixtures.ts. */
const SETUP_URL_FILE = "setup-url.txt";

const port = Number(process.env.E2E_PORT ?? 3100);
const E2E_CLIENT_ID = "e2e-automation";
const E2E_CLIENT_SECRET = "e2e-automation-secret-0123456789-abcdefghijklmnop";
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "gatehouse-e2e-"));
mkdirSync(dataDir, { recursive: true });

const emailDir = join(dataDir, "emails");
mkdirSync(emailDir, { recursive: true });
let emailCount = 0;
/** Undoes quoted-printable (soft line breaks, =XX) so links read whole. */
const decodeQuotedPrintable = (value) => value.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (chunk) => chunks.push(chunk));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const text = decodeQuotedPrintable(raw);
      const message = {
        to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? "",
        text,
        links: [...new Set([...text.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0].replace(/&amp;/g, "&")))],
      };
      const file = join(emailDir, `${String(++emailCount).padStart(5, "0")}.json`);
      writeFileSync(`${file}.tmp`, JSON.stringify(message));
      renameSync(`${file}.tmp`, file);
      callback();
    });
  },
});
await new Promise((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = smtp.server.address().port;

// `npx playwright test` without scripts/test-e2e.mjs must still test the current code.
buildIfStale({ log: (line) => console.error(line) });

// PostgreSQL: a database of this run's own, dropped when the server exits.
let databaseUrl = process.env.E2E_DATABASE_URL || `file:${join(dataDir, "gatehouse.db")}`;
let dropDatabase = async () => {};
if (!process.env.E2E_DATABASE_URL && process.env.E2E_DB === "postgres") {
  const adminUrl = process.env.GATEHOUSE_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `gh_e2e_${process.pid}_${Date.now()}`;
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

const env = { ...process.env };
for (const name of Object.keys(env)) {
  // A fresh instance: nothing from the caller's Gatehouse configuration leaks in.
  if (name.startsWith("GATEHOUSE_") || name === "DATABASE_URL" || name === "REDIS_URL" || name === "SMTP_URL") delete env[name];
}
Object.assign(env, {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  GATEHOUSE_DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  PORT: String(port),
  HOST: "127.0.0.1",
  GATEHOUSE_ISSUER: `http://localhost:${port}/`,
  GATEHOUSE_BCRYPT_COST: "4",
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  SMTP_FROM: "Gatehouse E2E <no-reply@localhost>",
  // A machine-to-machine client for the Management API specs (e2e/instance.ts); no admin, so the
  // instance still prints a setup link.
  GATEHOUSE_BOOTSTRAP_CLIENT_ID: E2E_CLIENT_ID,
  GATEHOUSE_BOOTSTRAP_CLIENT_SECRET: E2E_CLIENT_SECRET,
  LOG_LEVEL: "info",
});

const child = spawn(process.execPath, [join(projectRoot, "server.mjs")], { cwd: projectRoot, env, stdio: ["ignore", "pipe", "inherit"] });

let setupUrlWritten = false;
createInterface({ input: child.stdout }).on("line", (line) => {
  process.stdout.write(`${line}\n`);
  // Errors also go to stderr, which Playwright always shows (stdout only with E2E_SERVER_LOG), so a
  // failed run's output says what went wrong on the server side.
  if (/^\{"level":(5|6)\d,/.test(line)) process.stderr.write(`${line}\n`);
  if (setupUrlWritten || !line.includes("setup_url")) return;
  try {
    const { setup_url: setupUrl } = JSON.parse(line);
    if (typeof setupUrl !== "string") return;
    const file = join(dataDir, SETUP_URL_FILE);
    writeFileSync(`${file}.tmp`, `${setupUrl}\n`);
    renameSync(`${file}.tmp`, file);
    setupUrlWritten = true;
  } catch {
    // Not a JSON log line.
  }
});

for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));

child.on("exit", (code, signal) => {
  smtp.close();
  rmSync(dataDir, { recursive: true, force: true });
  const status = code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1);
  dropDatabase().then(
    () => process.exit(status),
    (error) => (console.error(`could not drop the e2e database: ${error.message}`), process.exit(status)),
  );
});
