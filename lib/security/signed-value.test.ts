import { describe, expect, it } from "vitest";

Object.assign(process.env, { GATEHOUSE_SECRET: "unit-test-master-secret-cccccccccccccccccccccccccccccccc", LOG_LEVEL: "silent" });
const { resetEnvForTests } = await import("../env.ts");
const { resetMasterKeyForTests } = await import("../crypto/master-key.ts");
resetEnvForTests();
resetMasterKeyForTests();
const { signValue, verifySignedValue } = await import("./signed-value.ts");

describe("signed values", () => {
  const now = Date.UTC(2030, 0, 1);

  it("round-trips a value for its purpose until it expires", () => {
    const signed = signValue("setup-done", "ops@example.com", 600, now);
    expect(verifySignedValue("setup-done", signed, now)).toBe("ops@example.com");
    expect(verifySignedValue("setup-done", signed, now + 599_000)).toBe("ops@example.com");
    expect(verifySignedValue("setup-done", signed, now + 600_000)).toBeNull();
  });

  it("refuses another purpose, a tampered payload or expiry, and garbage", () => {
    const signed = signValue("setup-done", "ops@example.com", 600, now);
    const [payload, expiry, mac] = signed.split(".") as [string, string, string];
    const forged = Buffer.from("attacker@example.com").toString("base64url");
    expect(verifySignedValue("other", signed, now)).toBeNull();
    expect(verifySignedValue("setup-done", `${forged}.${expiry}.${mac}`, now)).toBeNull();
    expect(verifySignedValue("setup-done", `${payload}.${Number(expiry) + 3600}.${mac}`, now)).toBeNull();
    for (const junk of [undefined, "", "a.b", "a.b.c.d", `${payload}.x.${mac}`]) expect(verifySignedValue("setup-done", junk, now)).toBeNull();
  });
});
