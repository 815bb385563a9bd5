// Prisma CLI configuration (generate, migrate). The app itself never uses the CLI: it applies the
// checked-in migrations at start (lib/db/migrate.ts). Adapted from ../shared/reference.
//
// One codebase, two providers; DATABASE_URL decides:
//   file:...           -> SQLite via better-sqlite3 (prisma/sqlite)
//   postgres(ql)://... -> PostgreSQL via pg (prisma/postgres)
import { defineConfig } from "prisma/config";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

const url = process.env.DATABASE_URL ?? "file:./data/gatehouse.db";
const isPg = /^postgres(ql)?:\/\//.test(url);
const dir = isPg ? "prisma/postgres" : "prisma/sqlite";

// Workaround 1 (SQLite, migrate dev / migrate diff --from-migrations): Prisma 6.19's JS schema
// engine replays migrations on the shadow DB with executeRaw(); better-sqlite3's prepare() rejects
// multi-statement SQL.
function sqliteShadowFix<T extends SqlMigrationAwareDriverAdapterFactory>(f: T): T {
  const connectShadow = f.connectToShadowDb.bind(f);
  f.connectToShadowDb = async () => {
    const a = await connectShadow();
    const raw = a.executeRaw.bind(a);
    a.executeRaw = async (q) =>
      q.args.length === 0 && /;\s*\S/.test(q.sql) ? (await a.executeScript(q.sql), 0) : raw(q);
    return a;
  };
  return f;
}

// Workaround 2 (PostgreSQL, every migrate command): @prisma/adapter-pg 6.19 cannot read catalog
// columns of type `name`/`"char"` (prisma/orm#27403). Report them as text.
// Workaround 4 (PostgreSQL, migrate deploy/dev): its executeScript() splits the migration on every
// ';', which breaks $$...$$ bodies. Send the script as one simple query.
const OID_REMAP: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };
function pgAdapterFixes<T extends SqlMigrationAwareDriverAdapterFactory>(f: T): T {
  let patched = false;
  const patch = (a: object) => {
    if (patched) return;
    const adapterProto = Object.getPrototypeOf(a);
    const queryableProto = Object.getPrototypeOf(adapterProto);
    const io = queryableProto.performIO;
    queryableProto.performIO = async function (this: unknown, q: unknown) {
      const r = await io.call(this, q);
      for (const fl of r?.fields ?? []) fl.dataTypeID = OID_REMAP[fl.dataTypeID] ?? fl.dataTypeID;
      return r;
    };
    adapterProto.executeScript = async function (
      this: { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never },
      script: string,
    ) {
      try {
        await this.client.query(script);
      } catch (e) {
        this.onError(e);
      }
    };
    patched = true;
  };
  for (const m of ["connect", "connectToShadowDb"] as const) {
    const orig = f[m].bind(f);
    f[m] = async () => {
      const a = await orig();
      patch(a);
      return a;
    };
  }
  return f;
}

// Workaround 3 (PostgreSQL, migrate dev / diff --from-migrations): the stock shadow database is
// dropped while its own pool still holds a connection. Create a fresh database per call and drop
// it after closing its pool.
function pgShadowFix<T extends SqlMigrationAwareDriverAdapterFactory>(
  f: T,
  PrismaPg: new (c: ReturnType<typeof pgConfig>) => SqlMigrationAwareDriverAdapterFactory,
  cfg: ReturnType<typeof pgConfig>,
): T {
  f.connectToShadowDb = async () => {
    const admin = await new PrismaPg(cfg).connect();
    const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg({ ...cfg, database: name }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.dispose();
    };
    return shadow;
  };
  return f;
}

// Discrete fields, not { connectionString }: PrismaPg.connectToShadowDb() spreads the config with
// another `database`, and pg lets a connectionString override it.
function pgConfig(u: string) {
  const p = new URL(u);
  return {
    host: p.hostname,
    port: Number(p.port || 5432),
    user: decodeURIComponent(p.username),
    password: decodeURIComponent(p.password),
    database: p.pathname.slice(1),
  };
}

/**
 * SQLite objects the migrations create by hand and Prisma's model does not describe: the FTS5
 * trigram index of users and its shadow tables (see the users_search migration).
 */
const SQLITE_EXTERNAL_TABLES = ["users_trigram", "users_trigram_data", "users_trigram_idx", "users_trigram_docsize", "users_trigram_config", "users_trigram_content"];

export default defineConfig({
  experimental: { adapter: true, externalTables: true },
  tables: { external: isPg ? [] : SQLITE_EXTERNAL_TABLES },
  engine: "js",
  schema: `${dir}/schema.prisma`,
  migrations: { path: `${dir}/migrations` },
  async adapter() {
    if (isPg) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const cfg = pgConfig(url);
      return pgAdapterFixes(pgShadowFix(new PrismaPg(cfg), PrismaPg, cfg));
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return sqliteShadowFix(new PrismaBetterSQLite3({ url }));
  },
});
