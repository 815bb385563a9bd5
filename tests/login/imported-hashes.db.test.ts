// Users whose password hash was imported (lib/passwords/imported-hash.ts) log in with their old
// password through the password-realm grant and the hosted login page; the first success
// replaces the hash with bcrypt at the configured cost (a rehash, not a password change: the
// history row is rewritten, none is added), a wrong password fails and leaves the hash alone, and
// an argon2 verification does not stall the event loop.
import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes, scryptSync } from "node:crypto";
import { argon2id } from "@noble/hashes/argon2.js";
import bcrypt from "bcryptjs";
import { argon2id as wasmArgon2id } from "hash-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { authorizeRequest, callbackParams, createApp, interactionState, type App } from "../helpers/hosted-login.ts";
import { api, createConnection, createUser, db, tag } from "../helpers/users.ts";
import { importPasswordHash, type ImportPasswordHashRecord } from "../../lib/passwords/imported-hash.ts";

const REALM = "http://auth0.com/oauth/grant-type/password-realm";
const CONNECTION = "Username-Password-Authentication";
const TEST_COST = 4; // GATEHOUSE_BCRYPT_COST in tests (tests/setup/test-env.ts)
let app: { client_id: string; client_secret: string };

beforeAll(async () => {
  app = (await api("POST", "/clients", { name: `import-hash-${tag()}`, app_type: "regular_web", grant_types: ["password", REALM] })).body;
});

const realmLogin = async (username: string, password: string) => {
  const response = await call("POST", "/oauth/token", {
    form: { grant_type: REALM, client_id: app.client_id, client_secret: app.client_secret, realm: CONNECTION, username, password, scope: "openid" },
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
const b64nopad = (b: Uint8Array) => b64(b).replace(/=+$/, "");

/** A user of the default connection whose stored hash is `record` imported. */
async function importedUser(record: ImportPasswordHashRecord) {
  const imported = importPasswordHash(record);
  if (!imported.ok || !imported.hash) throw new Error(`import failed: ${JSON.stringify(imported)}`);
  const user = await createUser();
  const database = await db();
  await database.userPassword.update({ where: { user_id: user.user_id as string }, data: { hash: imported.hash } });
  return { email: user.email as string, userId: user.user_id as string, stored: imported.hash };
}

async function storedHash(userId: string): Promise<string> {
  return (await (await db()).userPassword.findUniqueOrThrow({ where: { user_id: userId } })).hash;
}

function formats(password: string): [string, ImportPasswordHashRecord][] {
  const pw = Buffer.from(password);
  const salt = randomBytes(16);
  const signerKey = randomBytes(64);
  const firebaseKey = scryptSync(pw, Buffer.concat([salt, Buffer.from("Bw==", "base64")]), 32, { N: 2 ** 8, r: 8, p: 1 });
  const firebaseCipher = createCipheriv("aes-256-ctr", firebaseKey, Buffer.alloc(16, 0));
  return [
    ["md5 hex with a utf8 suffix salt", { custom_password_hash: { algorithm: "md5", hash: { value: createHash("md5").update(`${password}NaCl`).digest("hex"), encoding: "hex" }, salt: { value: "NaCl", position: "suffix" } } }],
    ["hmac-sha256 base64", { custom_password_hash: { algorithm: "hmac", hash: { value: createHmac("sha256", "key").update(pw).digest("base64"), encoding: "base64", digest: "sha256", key: { value: "key" } } } }],
    ["ldap {SSHA}", { custom_password_hash: { algorithm: "ldap", hash: { value: `{SSHA}${b64(Buffer.concat([createHash("sha1").update(Buffer.concat([pw, salt])).digest(), salt]))}`, encoding: "utf8" } } }],
    ["pbkdf2-sha512 PHC", { custom_password_hash: { algorithm: "pbkdf2", hash: { value: `$pbkdf2-sha512$i=1000,l=64$${b64nopad(salt)}$${b64nopad(pbkdf2Sync(pw, salt, 1000, 64, "sha512"))}`, encoding: "utf8" } } }],
    ["argon2id PHC", { password_hash: `$argon2id$v=19$m=4096,t=2,p=1$${b64nopad(salt)}$${b64nopad(argon2id(pw, salt, { m: 4096, t: 2, p: 1, dkLen: 32 }))}` }],
    ["scrypt (Auth0)", { custom_password_hash: { algorithm: "scrypt", hash: { value: scryptSync(pw, salt, 32, { N: 1024 }).toString("hex"), encoding: "hex" }, salt: { value: salt.toString("hex"), encoding: "hex" }, keylen: 32, cost: 1024 } }],
    ["Django pbkdf2_sha256", { password_hash: `pbkdf2_sha256$1500$S4ltS4lt$${b64(pbkdf2Sync(pw, "S4ltS4lt", 1500, 32, "sha256"))}` }],
    ["Keycloak pbkdf2-sha256", { password_hash: { secretData: JSON.stringify({ value: b64(pbkdf2Sync(pw, salt, 1200, 64, "sha256")), salt: b64(salt) }), credentialData: JSON.stringify({ hashIterations: 1200, algorithm: "pbkdf2-sha256" }) } }],
    ["Firebase scrypt", { custom_password_hash: { algorithm: "firebase-scrypt", hash: { value: b64(Buffer.concat([firebaseCipher.update(signerKey), firebaseCipher.final()])) }, salt: { value: b64(salt) }, signer_key: b64(signerKey), salt_separator: "Bw==", rounds: 8, mem_cost: 8 } }],
    ["bcrypt at an older cost (Auth0 export passwordHash)", { passwordHash: bcrypt.hashSync(password, 5) }],
  ];
}

describe("imported password hashes at login", () => {
  const password = `Imported-${tag()}-Pass!`;
  it.each(formats(password))("%s: a wrong password fails, the right one logs in and is rehashed to bcrypt", async (_name, record) => {
    const user = await importedUser(record);

    const wrong = await realmLogin(user.email, `${password}x`);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toBe("invalid_grant");
    expect(await storedHash(user.userId)).toBe(user.stored);

    const ok = await realmLogin(user.email, password);
    expect(ok.status).toBe(200);
    expect(ok.body.id_token).toBeTruthy();
    const rehashed = await storedHash(user.userId);
    expect(rehashed).not.toBe(user.stored);
    expect(rehashed).toMatch(new RegExp(`^\\$2b\\$0${TEST_COST}\\$`));
    expect(bcrypt.compareSync(password, rehashed)).toBe(true);

    // Later logins use the bcrypt hash, which is left as it is.
    expect((await realmLogin(user.email, password)).status).toBe(200);
    expect(await storedHash(user.userId)).toBe(rehashed);
    expect((await realmLogin(user.email, `${password}x`)).status).toBe(403);
  });

  it("leaves bcrypt at the configured cost unchanged", async () => {
    const user = await importedUser({ password_hash: bcrypt.hashSync(password, TEST_COST) });
    expect((await realmLogin(user.email, password)).status).toBe(200);
    expect(await storedHash(user.userId)).toBe(user.stored);
  });

  it("a rehash is not a password change: the history row is rewritten, none is added, last_password_reset untouched", async () => {
    const user = await importedUser({ custom_password_hash: { algorithm: "sha256", hash: { value: createHash("sha256").update(password).digest("hex"), encoding: "hex" } } });
    const database = await db();
    await database.passwordHistory.create({ data: { id: `ph_${tag()}`, user_id: user.userId, hash: user.stored } });
    const before = await database.user.findUniqueOrThrow({ where: { user_id: user.userId } });

    expect((await realmLogin(user.email, password)).status).toBe(200);
    const rehashed = await storedHash(user.userId);
    expect(rehashed).toMatch(/^\$2b\$/);
    const history = await database.passwordHistory.findMany({ where: { user_id: user.userId } });
    expect(history.map((h) => h.hash)).toEqual([rehashed]);
    const after = await database.user.findUniqueOrThrow({ where: { user_id: user.userId } });
    expect(after.last_password_reset).toEqual(before.last_password_reset);
  });

  it("the password-history rule recognizes a password whose hash is still imported", async () => {
    const connection = await createConnection({ password_history: { enable: true, size: 3 } });
    const user = await createUser({ connection: connection.name, password: `Other-${tag()}-Pass!` });
    const imported = importPasswordHash({ password_hash: `pbkdf2_sha256$1000$abc$${pbkdf2Sync(password, "abc", 1000, 32, "sha256").toString("base64")}` });
    await (await db()).userPassword.update({ where: { user_id: user.user_id as string }, data: { hash: (imported as { hash: string }).hash } });
    const reuse = await api("PATCH", `/users/${encodeURIComponent(user.user_id as string)}`, { password });
    expect(reuse.status).toBe(400);
    expect(reuse.body).toMatchObject({ errorCode: "password_history_error" });
    expect((await api("PATCH", `/users/${encodeURIComponent(user.user_id as string)}`, { password: `New-${tag()}-Pass!` })).status).toBe(200);
  });

  it("logs in through the hosted login page with an imported hash", async () => {
    const { loginWithPassword } = await import("../../lib/services/login/login-with-password.ts");
    const hostedApp: App = await createApp();
    const salt = randomBytes(16);
    const user = await importedUser({ password_hash: `$pbkdf2-sha256$i=1000,l=32$${b64nopad(salt)}$${b64nopad(pbkdf2Sync(password, salt, 1000, 32, "sha256"))}` });
    const state = interactionState(await authorizeRequest({ client_id: hostedApp.client_id, state: "s" }));
    const completed = await loginWithPassword(await db(), { state, identifier: user.email, password });
    expect(callbackParams(completed.outcome).get("code")).toBeTruthy();
    expect(await storedHash(user.userId)).toMatch(/^\$2b\$/);
  });

  it("an argon2 login does not stall the event loop (the hash runs in a worker)", async () => {
    const salt = randomBytes(16);
    const pw = Buffer.from(password);
    const m = 65536;
    // hash-wasm keeps its 64 MiB outside the JS heap, so no garbage collection of it lands in the measurement.
    const key = await wasmArgon2id({ password: pw, salt, iterations: 3, parallelism: 1, memorySize: m, hashLength: 32, outputType: "binary" });
    const user = await importedUser({ password_hash: `$argon2id$v=19$m=${m},t=3,p=1$${b64nopad(salt)}$${b64nopad(key)}` });
    await realmLogin(user.email, `${password}y`); // loads the token route's modules before measuring
    let maxLateness = 0;
    let expected = performance.now() + 5;
    const timer = setInterval(() => {
      const now = performance.now();
      maxLateness = Math.max(maxLateness, now - expected);
      expected = now + 5;
    }, 5);
    const started = performance.now();
    const wrong = await realmLogin(user.email, `${password}x`);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(wrong.status).toBe(403);
    // On the main thread the timer would wait for the whole hash (most of `elapsed`); in a worker it
    // only waits for the request's own work. Relative, because the 2 cores are shared with other tests.
    expect(elapsed).toBeGreaterThan(150);
    expect(maxLateness).toBeLessThan(elapsed / 3);
    expect((await realmLogin(user.email, password)).status).toBe(200);
  });
});
