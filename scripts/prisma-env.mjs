// The environment every Prisma CLI call runs with: nothing may be downloaded (TOOLCHAIN.md).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export function prismaEnv(databaseUrl) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    // The CLI checks that a native schema engine file exists; with engine "js" it never runs it.
    PRISMA_SCHEMA_ENGINE_BINARY: join(root, "scripts/schema-engine-stub"),
    // The WASM engine arms long timers it never clears: unref them so the CLI exits when done.
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${join(root, "scripts/unref-wasm-timers.cjs")}`.trim(),
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
}

export const prismaBin = join(root, "node_modules/.bin/prisma");
export const projectRoot = root;
