// Generates both Prisma clients (lib/db/generated/{sqlite,postgres}) so one build serves either
// database: lib/db picks one at run time from DATABASE_URL. Runs on `npm install`.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { prismaBin, prismaEnv, projectRoot } from "./prisma-env.mjs";

execFileSync(process.execPath, ["scripts/prisma-schemas.mjs"], { cwd: projectRoot, stdio: "inherit" });
if (!existsSync(prismaBin)) {
  // `npm install --omit=dev` on a box that only runs a prebuilt copy: nothing to generate with.
  console.warn("prisma CLI not installed; skipping client generation");
  process.exit(0);
}
const urls = { sqlite: "file:./data/placeholder.db", postgres: "postgresql://localhost:5432/placeholder" };
for (const [name, url] of Object.entries(urls)) {
  execFileSync(prismaBin, ["generate"], { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"], env: prismaEnv(url) });
  console.log(`prisma: generated the ${name} client`);
}
