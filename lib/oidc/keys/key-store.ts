// The signing keys as this instance uses them: the current private key (to sign) and the
// published public keys (JWKS, and verification of Gatehouse's own tokens).
//
// Cached per database client for CACHE_MS, so signing costs no query; another instance's rotation
// is seen within that time, and a token with an unknown kid triggers a reload (at most one per
// RELOAD_MIN_MS, so garbage kids cannot hammer the database).
import { X509Certificate } from "node:crypto";
import { importJWK, type CryptoKey, type JWK } from "jose";
import type { Db } from "../../db/client.ts";
import { decryptSecret } from "../../crypto/encryption.ts";
import { configGeneration } from "../../cache/config-cache.ts";
import { processGlobal } from "../../process-global.ts";
import { certificateThumbprints } from "../../crypto/self-signed-certificate.ts";

const CACHE_MS = 30_000;
const RELOAD_MIN_MS = 1_000;

export type PublishedKey = JWK & { kid: string; alg: string; use: "sig" };
export const RSA_ALGORITHMS = ["RS256", "RS512", "PS256"] as const;
export type RsaAlgorithm = (typeof RSA_ALGORITHMS)[number];

/**
 * x5c (RFC 7517 §4.7: base64 DER, not base64url) and x5t (§4.8) for a key stored with its
 * self-signed certificate; nothing for a key created before certificates were (cert is null).
 */
function certificateMembers(pem: string | null): Pick<JWK, "x5c" | "x5t"> {
  if (pem === null) return {};
  const der = new X509Certificate(pem).raw;
  return { x5c: [der.toString("base64")], x5t: certificateThumbprints(der).x5t };
}

/** A JWK imported once per algorithm (WebCrypto keys are bound to one algorithm). */
class ImportedKey {
  #byAlg = new Map<string, Promise<CryptoKey>>();
  private readonly jwk: JWK;
  constructor(readonly kid: string, jwk: JWK) {
    // WebCrypto refuses a JWK whose alg/key_ops name another algorithm than the import's.
    const { alg: _alg, key_ops: _ops, ext: _ext, use: _use, ...material } = jwk;
    this.jwk = material;
  }
  forAlg(alg: string): Promise<CryptoKey> {
    let key = this.#byAlg.get(alg);
    if (!key) {
      key = importJWK(this.jwk, alg) as Promise<CryptoKey>;
      this.#byAlg.set(alg, key);
    }
    return key;
  }
}

type Loaded = {
  at: number;
  generation: number;
  current: ImportedKey | null;
  published: PublishedKey[];
  verifiers: Map<string, ImportedKey>;
};

class KeyStore {
  #loaded: Loaded | undefined;
  #loading: Promise<Loaded> | undefined;
  #lastReload = 0;

  constructor(private readonly db: Db) {}

  async #load(): Promise<Loaded> {
    const generation = configGeneration();
    const rows = await this.db.signingKey.findMany({
      where: { status: { in: ["current", "next", "previous"] } },
      orderBy: { created_at: "desc" },
    });
    const order = { current: 0, next: 1, previous: 2 } as Record<string, number>;
    rows.sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9));
    const currentRow = rows.find((r) => r.status === "current");
    let current: Loaded["current"] = null;
    if (currentRow) {
      const privateJwk = JSON.parse(await decryptSecret(currentRow.private_jwk_encrypted, "signing-keys")) as JWK;
      current = new ImportedKey(currentRow.kid, privateJwk);
    }
    const published = rows.map((r) => ({
      ...(r.public_jwk as JWK),
      kid: r.kid,
      alg: r.alg,
      use: "sig" as const,
      ...certificateMembers(r.cert),
    }));
    const verifiers = new Map(rows.map((r) => [r.kid, new ImportedKey(r.kid, r.public_jwk as JWK)]));
    this.#lastReload = Date.now();
    return { at: Date.now(), generation, current, published, verifiers };
  }

  async #get(force = false): Promise<Loaded> {
    // Any configuration change (a rotation on this or, on PostgreSQL, another instance) reloads.
    const fresh = this.#loaded && Date.now() - this.#loaded.at < CACHE_MS && this.#loaded.generation === configGeneration();
    if (fresh && !force) return this.#loaded!;
    this.#loading ??= this.#load().finally(() => (this.#loading = undefined));
    this.#loaded = await this.#loading;
    return this.#loaded;
  }

  /** The key that signs now, for `alg` (RS256 unless an API asks for RS512 or PS256). */
  async signingKey(alg: RsaAlgorithm = "RS256"): Promise<{ kid: string; key: CryptoKey }> {
    const { current } = await this.#get();
    if (!current) throw new Error("No current signing key: the instance has not been bootstrapped.");
    return { kid: current.kid, key: await current.forAlg(alg) };
  }

  /** current, next and previous public keys, as published at /.well-known/jwks.json. */
  async publishedKeys(): Promise<PublishedKey[]> {
    return (await this.#get()).published;
  }

  /** The public key for a kid and an RSA alg, or null when the kid is not (or no longer) published. */
  async verificationKey(kid: string, alg: RsaAlgorithm): Promise<CryptoKey | null> {
    let loaded = await this.#get();
    if (!loaded.verifiers.has(kid) && Date.now() - this.#lastReload >= RELOAD_MIN_MS) loaded = await this.#get(true);
    const found = loaded.verifiers.get(kid);
    return found ? found.forAlg(alg) : null;
  }

  /** Drops the cache (after this instance rotated or revoked a key). */
  invalidate(): void {
    this.#loaded = undefined;
  }
}

const stores = processGlobal("key-stores", () => new WeakMap<Db, KeyStore>());

export function keyStore(db: Db): KeyStore {
  let store = stores.get(db);
  if (!store) {
    store = new KeyStore(db);
    stores.set(db, store);
  }
  return store;
}
