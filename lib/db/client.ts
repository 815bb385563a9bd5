// The only module that creates Prisma clients (STYLE.md point 5). Both generated clients exist in
// every build; DATABASE_URL picks one at run time, so one production build serves SQLite or
// PostgreSQL. Data functions take `db` (a client or a transaction) as their first argument.
import type { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import type { Prisma as SqlitePrisma } from "./generated/sqlite/client.ts";
import type { Pool } from "pg";
import { env } from "../env.ts";
import { logger } from "../logs/logger.ts";
import { processGlobal } from "../process-global.ts";
import { configChanged } from "../cache/config-cache.ts";
import { startConfigInvalidation, stopConfigInvalidation } from "../cache/config-invalidation.ts";

/**
 * Secret columns are left out of every query unless a query asks for them by name; only the read
 * paths in lib/db/secrets.ts do (STYLE.md point 6).
 */
export const omitSecrets = {
  client: { client_secret_hash: true, client_secret_encrypted: true },
  resourceServer: { signing_secret_encrypted: true },
  linkedIdentityCredential: { hash: true, password_history: true },
  authenticator: { secret_encrypted: true, secret_hash: true },
  mfaTransaction: { recovery_code_encrypted: true },
} as const;

/**
 * The client type the code is written against. It is the SQLite client's type on purpose: its
 * API is the subset both databases share (no `mode: "insensitive"`, no `skipDuplicates`), so code
 * that compiles against it runs on both. The PostgreSQL client is structurally the same.
 */
export type Db = SqliteClient<never, typeof omitSecrets>;
/** A client or an open transaction: what data functions accept. */
export type DbOrTx = Db | SqlitePrisma.TransactionClient;
export type { SqlitePrisma as Prisma };

const clients = processGlobal("db.clients", () => new Map<string, Promise<Db>>());
/** Where a client of getDb() goes; on PostgreSQL with its pg pool, which direct-sql.ts shares. */
export type DatabaseLocation = { url: string; kind: "sqlite" | "postgres"; pool?: Pool };
const locations = processGlobal("db.locations", () => new WeakMap<object, DatabaseLocation>());

/** The database a client of getDb() talks to (undefined for transaction clients). */
export function databaseOf(db: DbOrTx): DatabaseLocation | undefined {
  return locations.get(db);
}

/** Models whose rows the hot paths cache (lib/cache/config-cache.ts): any write to them invalidates. */
const CACHED_MODELS = new Set(["Client", "ResourceServer", "ClientGrant", "TenantSettings", "SigningKey", "Connection", "ConnectionClient"]);
const READ_OPERATIONS = new Set(["findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "findMany", "count", "aggregate", "groupBy"]);

/** Every write to cached configuration, whatever code path makes it, empties the caches. */
function withCacheInvalidation(client: SqliteClient<never, typeof omitSecrets>): Db {
  return client.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const result = await query(args);
          if (CACHED_MODELS.has(model) && !READ_OPERATIONS.has(operation)) configChanged();
          return result;
        },
      },
    },
  }) as unknown as Db;
}

async function createClient(url: string, kind: "sqlite" | "postgres"): Promise<{ db: Db; pool?: Pool }> {
  if (kind === "postgres") {
    const [{ PrismaClient }, { PrismaPg }, { default: pg }] = await Promise.all([
      import("./generated/postgres/client.ts"),
      import("@prisma/adapter-pg"),
      import("pg"),
    ]);
    // The pool is made here rather than by the adapter so that direct-sql.ts shares it.
    const pool = new pg.Pool({
      connectionString: url,
      max: env().dbPoolSize,
      // Fail fast when the database is down, so callers get a 503 instead of hanging.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    const adapter = new PrismaPg(pool, { disposeExternalPool: true, onPoolError: (error) => logger().warn({ err: error }, "database connection lost") });
    startConfigInvalidation(url);
    return { db: withCacheInvalidation(new PrismaClient({ adapter, omit: omitSecrets }) as unknown as SqliteClient<never, typeof omitSecrets>), pool };
  }
  const [{ PrismaClient }, { sqliteAdapterFactory }] = await Promise.all([
    import("./generated/sqlite/client.ts"),
    import("./sqlite-adapter.ts"),
  ]);
  return { db: withCacheInvalidation(new PrismaClient({ adapter: sqliteAdapterFactory(url), omit: omitSecrets })) };
}

/** The shared client for DATABASE_URL (or for `url`, which tests use to open their own). */
export function getDb(url = env().databaseUrl): Promise<Db> {
  let client = clients.get(url);
  if (!client) {
    const kind = databaseKindOf(url);
    client = createClient(url, kind).then(({ db, pool }) => {
      locations.set(db, { url, kind, ...(pool ? { pool } : {}) });
      return db;
    });
    clients.set(url, client);
    client.catch(() => clients.delete(url));
  }
  return client;
}

export function databaseKindOf(url: string): "sqlite" | "postgres" {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** Closes every client (graceful shutdown, end of a test file). */
export async function disconnectAll(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  await stopConfigInvalidation();
  await Promise.allSettled(all.map(async (c) => (await c).$disconnect()));
}
