// Migration authoring and checking, for both databases at once.
//
//   node scripts/db-migrations.mjs new <name>   write prisma/{sqlite,postgres}/migrations/<ts>_<name>
//                                               from the difference between the checked-in
//                                               migrations and prisma/models.prisma
//   node scripts/db-migrations.mjs check        exit 1 if the migrations do not produce exactly
//                                               the schema (run by `npm test`)
//
// Diffing from migrations replays them on a shadow database: a temporary SQLite file, and a
// temporary PostgreSQL database on GATEHOUSE_PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync, readdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prismaBin, prismaEnv, projectRoot } from "./prisma-env.mjs";

const [command, name] = process.argv.slice(2);
const pgAdmin = process.env.GATEHOUSE_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const scratch = mkdtempSync(join(tmpdir(), "gatehouse-migrations-"));
const providers = { sqlite: `file:${join(scratch, "shadow.db")}`, postgres: pgAdmin };

execFileSync(process.execPath, ["scripts/prisma-schemas.mjs"], { cwd: projectRoot, stdio: "inherit" });

function diff(provider, extra) {
  const dir = join(projectRoot, "prisma", provider);
  const from = existsSync(join(dir, "migrations")) && readdirSync(join(dir, "migrations")).some((d) => /^\d/.test(d))
    ? ["--from-migrations", join(dir, "migrations")]
    : ["--from-empty"];
  return spawnSync(prismaBin, ["migrate", "diff", ...from, "--to-schema-datamodel", join(dir, "schema.prisma"), ...extra], {
    cwd: projectRoot, env: prismaEnv(providers[provider]), encoding: "utf8",
  });
}

let failed = false;
try {
  if (command === "new") {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: db-migrations.mjs new <snake_case_name>");
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    for (const provider of Object.keys(providers)) {
      const r = diff(provider, ["--script"]);
      if (r.status !== 0) throw new Error(`${provider}: ${r.stderr}`);
      if (/^-- This is an empty migration\.\s*$/.test(r.stdout.trim()) || !r.stdout.trim()) {
        console.log(`${provider}: no changes`);
        continue;
      }
      const dir = join(projectRoot, "prisma", provider, "migrations", `${stamp}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "migration.sql"), r.stdout);
      const lock = join(projectRoot, "prisma", provider, "migrations", "migration_lock.toml");
      if (!existsSync(lock)) writeFileSync(lock, `# Written by scripts/db-migrations.mjs\nprovider = "${provider === "postgres" ? "postgresql" : "sqlite"}"\n`);
      console.log(`${provider}: wrote ${dir}`);
    }
  } else if (command === "check") {
    for (const provider of Object.keys(providers)) {
      const r = diff(provider, ["--exit-code"]);
      if (r.status === 0) console.log(`${provider}: migrations match prisma/models.prisma`);
      else {
        failed = true;
        console.error(`${provider}: migrations do not match prisma/models.prisma (status ${r.status}). Run: node scripts/db-migrations.mjs new <name>\n${r.stdout}${r.stderr}`);
      }
    }
  } else {
    throw new Error("usage: db-migrations.mjs new <name> | check");
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
