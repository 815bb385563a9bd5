// The key-derivation primitives the password worker (hash-pool.ts) runs for imported hashes, so
// argon2, scrypt and pbkdf2 never block the event loop. The worker only computes bytes; knowing
// formats and comparing (constant-time) is verify-password.ts's job on the main thread.
//
// Like the bcrypt worker, this is source text evaluated in the worker and requiring packages by
// name (node:crypto, hash-wasm for argon2 v1.3 / md4 / whirlpool, @noble/hashes for argon2 v1.0,
// which hash-wasm lacks), so no bundler has to follow a worker file path.
import type { Digest } from "./hash-formats/digests.ts";

export type DeriveSpec =
  | { kind: "digest"; digest: Digest; data: Uint8Array }
  | { kind: "hmac"; digest: Digest; key: Uint8Array; data: Uint8Array }
  | { kind: "pbkdf2"; digest: Digest; password: Uint8Array; salt: Uint8Array; iterations: number; keyLength: number }
  | { kind: "scrypt"; password: Uint8Array; salt: Uint8Array; cost: number; blockSize: number; parallelization: number; keyLength: number }
  | {
      kind: "argon2";
      variant: "argon2id" | "argon2i" | "argon2d";
      version: 16 | 19;
      password: Uint8Array;
      salt: Uint8Array;
      secret?: Uint8Array;
      memory: number;
      iterations: number;
      parallelism: number;
      keyLength: number;
    }
  /** bcrypt over raw bytes (salted or transcoded imported bcrypt): answers a boolean. */
  | { kind: "bcrypt"; password: Uint8Array; hash: string };

/** Defines `async function derive(spec)` in the worker. */
export const DERIVE_WORKER_SOURCE = `
const nodeCrypto = require("node:crypto");
let hashWasmModule;
const hashWasm = () => (hashWasmModule ??= require("hash-wasm"));
const NODE_DIGESTS = new Set(["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "ripemd160"]);
const WASM_DIGESTS = { md4: "createMD4", whirlpool: "createWhirlpool" };
const wasmHasher = (digest) => {
  const factory = WASM_DIGESTS[digest];
  if (!factory) throw new Error("unsupported digest " + digest);
  return hashWasm()[factory]();
};
async function derive(spec) {
  switch (spec.kind) {
    case "digest": {
      if (NODE_DIGESTS.has(spec.digest)) return nodeCrypto.createHash(spec.digest).update(spec.data).digest();
      const hasher = await wasmHasher(spec.digest);
      return hasher.init().update(spec.data).digest("binary");
    }
    case "hmac": {
      if (NODE_DIGESTS.has(spec.digest)) return nodeCrypto.createHmac(spec.digest, spec.key).update(spec.data).digest();
      const hmac = await hashWasm().createHMAC(wasmHasher(spec.digest), spec.key);
      return hmac.init().update(spec.data).digest("binary");
    }
    case "pbkdf2": {
      if (NODE_DIGESTS.has(spec.digest)) return nodeCrypto.pbkdf2Sync(spec.password, spec.salt, spec.iterations, spec.keyLength, spec.digest);
      return hashWasm().pbkdf2({ password: spec.password, salt: spec.salt, iterations: spec.iterations, hashLength: spec.keyLength, hashFunction: wasmHasher(spec.digest), outputType: "binary" });
    }
    case "scrypt": {
      const maxmem = 128 * spec.cost * spec.blockSize + 128 * spec.blockSize * spec.parallelization + 16 * 1024 * 1024;
      return nodeCrypto.scryptSync(spec.password, spec.salt, spec.keyLength, { N: spec.cost, r: spec.blockSize, p: spec.parallelization, maxmem });
    }
    case "argon2": {
      if (spec.version === 19) {
        return hashWasm()[spec.variant]({
          password: spec.password, salt: spec.salt, ...(spec.secret ? { secret: spec.secret } : {}),
          iterations: spec.iterations, parallelism: spec.parallelism, memorySize: spec.memory, hashLength: spec.keyLength, outputType: "binary",
        });
      }
      const noble = require("@noble/hashes/argon2.js");
      return noble[spec.variant](spec.password, spec.salt, {
        t: spec.iterations, m: spec.memory, p: spec.parallelism, dkLen: spec.keyLength, version: 0x10, ...(spec.secret ? { key: spec.secret } : {}),
      });
    }
    case "bcrypt":
      // bcrypt reads at most 72 bytes (bcryptjs and OpenBSD truncate; hash-wasm refuses longer input).
      return hashWasm().bcryptVerify({ password: spec.password.subarray(0, 72), hash: spec.hash });
    default:
      throw new Error("unknown derivation " + spec.kind);
  }
}
`;
