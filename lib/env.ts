// Every environment variable Gatehouse reads, validated once with zod. Nothing else reads
// process.env (STYLE.md point 9): configuration is typed, validated at boot, and fails closed with
// a message naming the variable. Each default below says why it was chosen; README.md lists them.
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { z } from "zod";

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const optionalNonEmpty = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));

const rawSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Port the HTTP server listens on. 3000 is Next.js's default. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Interface to bind. All interfaces, so a container or VM port mapping works out of the box. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Where the embedded database, the generated master secret and uploads live. */
  GATEHOUSE_DATA_DIR: z.string().min(1).default("./data"),
  /** `file:...` = embedded SQLite (default, zero setup); `postgresql://...` = PostgreSQL. */
  DATABASE_URL: optionalNonEmpty,
  /** Connections per instance to PostgreSQL. 10 keeps a few instances well under max_connections=100. */
  GATEHOUSE_DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** Public base URL; tokens' `iss`. Defaults to http://localhost:<PORT>/ for a local try-out. */
  GATEHOUSE_ISSUER: optionalNonEmpty,
  /** Master key (>= 32 chars) that encrypts signing keys and secrets at rest. Generated if unset. */
  GATEHOUSE_SECRET: optionalNonEmpty,
  /** Optional Redis for state shared between instances. */
  REDIS_URL: optionalNonEmpty,
  /** Optional SMTP server for email, e.g. smtp://user:pass@host:587 or smtps://host:465. */
  SMTP_URL: optionalNonEmpty,
  /** From address of Gatehouse's emails. */
  SMTP_FROM: optionalNonEmpty,
  /** Automation: a machine-to-machine application granted every Management API scope. */
  GATEHOUSE_BOOTSTRAP_CLIENT_ID: optionalNonEmpty,
  GATEHOUSE_BOOTSTRAP_CLIENT_SECRET: optionalNonEmpty,
  /** Automation: the first operator account. Without it, start-up prints a one-time setup link. */
  GATEHOUSE_ADMIN_EMAIL: optionalNonEmpty,
  GATEHOUSE_ADMIN_PASSWORD: optionalNonEmpty,
  /** bcrypt cost for new password hashes. 10 is Auth0's and about 65 ms per hash on one core here. */
  GATEHOUSE_BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(10),
  /** Password-hashing worker threads. One per core keeps hashing off the event loop at full speed. */
  GATEHOUSE_HASH_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** pino level. `info` logs one line per request. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. Off: clients could spoof their IP. */
  GATEHOUSE_TRUST_PROXY: booleanString.default(false),
  /**
   * Breached password detection's optional remote check: a k-anonymity range service
   * (`GET <url>/<first 5 hex of SHA-1>` → `SUFFIX:COUNT` lines, as Have I Been Pwned's). Unset: only
   * the corpus shipped with Gatehouse is checked, and no password-derived data leaves the instance.
   */
  GATEHOUSE_BREACHED_PASSWORD_RANGE_URL: optionalNonEmpty,
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  databaseKind: "sqlite" | "postgres";
  dbPoolSize: number;
  /** Always ends with "/". */
  issuer: string;
  /** The issuer's origin, e.g. https://id.example.com */
  origin: string;
  secret: string | undefined;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  bootstrapClient: { clientId: string; clientSecret: string } | undefined;
  bootstrapAdmin: { email: string; password: string } | undefined;
  bcryptCost: number;
  hashWorkers: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  trustProxy: boolean;
  /** Without a trailing slash. */
  breachedPasswordRangeUrl: string | undefined;
};

export class EnvError extends Error {
  override name = "EnvError";
}

/** Validates a raw environment (process.env by default). Exported for tests. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = rawSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const raw = parsed.data;
  const problems: string[] = [];

  const dataDir = resolve(raw.GATEHOUSE_DATA_DIR);
  const databaseUrl = raw.DATABASE_URL ?? `file:${resolve(dataDir, "gatehouse.db")}`;
  let databaseKind: Env["databaseKind"] = "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) databaseKind = "postgres";
  else if (!databaseUrl.startsWith("file:"))
    problems.push("DATABASE_URL: must start with file: (SQLite) or postgresql:// (PostgreSQL)");

  let issuer = raw.GATEHOUSE_ISSUER ?? `http://localhost:${raw.PORT}/`;
  let origin = "";
  try {
    const url = new URL(issuer);
    if (url.protocol !== "https:" && url.protocol !== "http:")
      problems.push("GATEHOUSE_ISSUER: must be an http(s) URL");
    if (url.search || url.hash) problems.push("GATEHOUSE_ISSUER: must not have a query or fragment");
    // Gatehouse serves Auth0's paths at the root of its host (/authorize, /api/v2/, ...).
    if (url.pathname !== "/" && url.pathname !== "")
      problems.push("GATEHOUSE_ISSUER: must be the root of a host, e.g. https://id.example.com/");
    if (url.protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname) && raw.NODE_ENV === "production")
      problems.push("GATEHOUSE_ISSUER: must use https:// in production (except for localhost)");
    origin = url.origin;
    issuer = `${url.origin}/`;
  } catch {
    problems.push("GATEHOUSE_ISSUER: not a valid URL");
  }

  if (raw.GATEHOUSE_SECRET !== undefined && raw.GATEHOUSE_SECRET.length < 32)
    problems.push("GATEHOUSE_SECRET: must be at least 32 characters (generate one with `openssl rand -base64 48`)");

  if (raw.REDIS_URL !== undefined && !/^rediss?:\/\//.test(raw.REDIS_URL))
    problems.push("REDIS_URL: must start with redis:// or rediss://");
  if (raw.SMTP_URL !== undefined && !/^smtps?:\/\//.test(raw.SMTP_URL))
    problems.push("SMTP_URL: must start with smtp:// or smtps://");

  let bootstrapClient: Env["bootstrapClient"];
  const { GATEHOUSE_BOOTSTRAP_CLIENT_ID: clientId, GATEHOUSE_BOOTSTRAP_CLIENT_SECRET: clientSecret } = raw;
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    problems.push("GATEHOUSE_BOOTSTRAP_CLIENT_ID and GATEHOUSE_BOOTSTRAP_CLIENT_SECRET: set both or neither");
  } else if (clientId !== undefined && clientSecret !== undefined) {
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(clientId))
      problems.push("GATEHOUSE_BOOTSTRAP_CLIENT_ID: 1-128 characters of A-Z a-z 0-9 . _ -");
    if (clientSecret.length < 32) problems.push("GATEHOUSE_BOOTSTRAP_CLIENT_SECRET: must be at least 32 characters");
    bootstrapClient = { clientId, clientSecret };
  }

  let bootstrapAdmin: Env["bootstrapAdmin"];
  const { GATEHOUSE_ADMIN_EMAIL: adminEmail, GATEHOUSE_ADMIN_PASSWORD: adminPassword } = raw;
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push("GATEHOUSE_ADMIN_EMAIL and GATEHOUSE_ADMIN_PASSWORD: set both or neither");
  } else if (adminEmail !== undefined && adminPassword !== undefined) {
    if (!z.email().safeParse(adminEmail).success) problems.push("GATEHOUSE_ADMIN_EMAIL: not a valid email address");
    bootstrapAdmin = { email: adminEmail, password: adminPassword };
  }

  if (raw.GATEHOUSE_BREACHED_PASSWORD_RANGE_URL !== undefined && !/^https?:\/\/[^\s]+$/.test(raw.GATEHOUSE_BREACHED_PASSWORD_RANGE_URL))
    problems.push("GATEHOUSE_BREACHED_PASSWORD_RANGE_URL: must be an http(s) URL, e.g. https://api.pwnedpasswords.com/range");

  if (problems.length) throw new EnvError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);

  return {
    nodeEnv: raw.NODE_ENV,
    port: raw.PORT,
    host: raw.HOST,
    dataDir,
    databaseUrl,
    databaseKind,
    dbPoolSize: raw.GATEHOUSE_DB_POOL_SIZE,
    issuer,
    origin,
    secret: raw.GATEHOUSE_SECRET,
    redisUrl: raw.REDIS_URL,
    smtpUrl: raw.SMTP_URL,
    smtpFrom: raw.SMTP_FROM ?? `Gatehouse <no-reply@${new URL(issuer).hostname}>`,
    bootstrapClient,
    bootstrapAdmin,
    bcryptCost: raw.GATEHOUSE_BCRYPT_COST,
    hashWorkers: raw.GATEHOUSE_HASH_WORKERS ?? Math.max(1, availableParallelism()),
    logLevel: raw.LOG_LEVEL,
    trustProxy: raw.GATEHOUSE_TRUST_PROXY,
    breachedPasswordRangeUrl: raw.GATEHOUSE_BREACHED_PASSWORD_RANGE_URL?.replace(/\/+$/, ""),
  };
}

let cached: Env | undefined;

/** The validated configuration, read from process.env on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests that change process.env call this so the next env() re-reads it. */
export function resetEnvForTests(): void {
  cached = undefined;
}
