// Applies the checked-in migrations (prisma/<sqlite|postgres>/migrations) at start, without the
// Prisma CLI: fast (milliseconds, not the CLI's seconds), nothing to download, and safe when
// several instances start at once.
//
// It keeps Prisma's own bookkeeping table `_prisma_migrations` (same columns, checksum = SHA-256
// of migration.sql), so `prisma migrate status/deploy/dev` agree with what it did.
//
// A migration folder may also hold `unmanaged.sql`: DDL Prisma's schema cannot declare (a btree
// operator class, which does not round-trip through its diff), run right after migration.sql in
// the same transaction. Prisma's CLI and `scripts/db-migrations.mjs check` read migration.sql only,
// so it never shows as drift; the checksum stays migration.sql's, as Prisma computes it.
//
// Each migration runs in one transaction with its bookkeeping row: a crash mid-migration leaves
// nothing half-applied. PostgreSQL instances serialize on an advisory lock; SQLite takes its
// write lock (BEGIN IMMEDIATE) before reading what is applied.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { databaseKindOf } from "./client.ts";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationResult = { applied: string[]; warnings: string[] };

/** Any fixed 64-bit number: the advisory lock every Gatehouse instance takes to migrate. */
const PG_MIGRATION_LOCK = 7_247_117_935_001;

const BOOKKEEPING_SQLITE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const BOOKKEEPING_PG = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export function migrationsDir(kind: "sqlite" | "postgres", root = process.cwd()): string {
  return join(root, "prisma", kind, "migrations");
}

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new Error(`Migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const managed = readFileSync(join(dir, name, "migration.sql"), "utf8");
      const unmanagedFile = join(dir, name, "unmanaged.sql");
      const sql = existsSync(unmanagedFile) ? `${managed}\n${readFileSync(unmanagedFile, "utf8")}` : managed;
      return { name, sql, checksum: createHash("sha256").update(managed).digest("hex") };
    });
}

type Applied = { migration_name: string; checksum: string };

function compare(migrations: Migration[], applied: Applied[], warnings: string[]): Migration[] {
  const known = new Map(applied.map((a) => [a.migration_name, a.checksum]));
  const files = new Set(migrations.map((m) => m.name));
  for (const a of applied)
    if (!files.has(a.migration_name))
      warnings.push(`The database has migration ${a.migration_name}, which this version does not know (a newer version migrated it).`);
  for (const m of migrations) {
    const checksum = known.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum)
      warnings.push(`Migration ${m.name} was changed after it was applied; the database keeps the applied version.`);
  }
  return migrations.filter((m) => !known.has(m.name));
}

async function migrateSqlite(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const { default: Database } = await import("better-sqlite3");
  const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 15_000 });
  const warnings: string[] = [];
  try {
    db.pragma("journal_mode = WAL");
    db.exec(BOOKKEEPING_SQLITE);
    // Foreign keys off for this connection while migrating, and it must happen outside the
    // transaction (the pragma is a no-op inside one): Prisma's table redefinitions DROP and
    // recreate tables, and with foreign keys on, dropping "users" would cascade-delete every
    // identity, password and role link. The result is checked before commit instead.
    db.pragma("foreign_keys = OFF");
    db.exec("BEGIN IMMEDIATE");
    try {
      const applied = db
        .prepare(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all() as Applied[];
      const pending = compare(migrations, applied, warnings);
      const record = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
      );
      for (const m of pending) {
        const startedAt = new Date().toISOString();
        db.exec(m.sql);
        record.run(randomUUID(), m.checksum, new Date().toISOString(), m.name, startedAt);
      }
      const violations = db.pragma("foreign_key_check") as unknown[];
      if (violations.length > 0) throw new Error(`Migrations would break ${violations.length} foreign key(s): ${JSON.stringify(violations.slice(0, 5))}`);
      db.exec("COMMIT");
      return { applied: pending.map((m) => m.name), warnings };
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw e;
    }
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  const warnings: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_MIGRATION_LOCK]);
    try {
      await client.query(BOOKKEEPING_PG);
      const { rows } = await client.query<Applied>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const pending = compare(migrations, rows, warnings);
      for (const m of pending) {
        const startedAt = new Date();
        await client.query("BEGIN");
        try {
          // One simple-protocol query: the whole file, $$ bodies included.
          await client.query(m.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)`,
            [randomUUID(), m.checksum, m.name, startedAt],
          );
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK").catch(() => {});
          throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
        }
      }
      return { applied: pending.map((m) => m.name), warnings };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PG_MIGRATION_LOCK]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** Brings the database at `url` up to date with the migrations in `dir`. */
export async function migrateDatabase(url: string, dir = migrationsDir(databaseKindOf(url))): Promise<MigrationResult> {
  const migrations = readMigrations(dir);
  return databaseKindOf(url) === "postgres" ? migratePostgres(url, migrations) : migrateSqlite(url, migrations);
}
