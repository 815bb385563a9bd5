// Signed double-submit CSRF tokens (csrf.ts). Unit project: no database; the environment is set
// here before the modules read it.
import { beforeEach, describe, expect, it } from "vitest";

const SECRET_A = "unit-test-master-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SECRET_B = "unit-test-master-secret-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

Object.assign(process.env, { GATEHOUSE_SECRET: SECRET_A, GATEHOUSE_ISSUER: "https://id.example.com/", LOG_LEVEL: "silent" });
const { resetEnvForTests } = await import("../env.ts");
const { resetMasterKeyForTests } = await import("../crypto/master-key.ts");
const { CsrfError, csrfCookie, csrfToken, isCsrfCookieValue, newCsrfCookieValue, verifyCsrf } = await import("./csrf.ts");

function configure(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  resetEnvForTests();
  resetMasterKeyForTests();
}

function failure(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof CsrfError) return error.reason;
    throw error;
  }
}

/** The token with its first character changed (always a different string). */
const tamper = (token: string) => `${token.startsWith("A") ? "B" : "A"}${token.slice(1)}`;

beforeEach(() => configure({ GATEHOUSE_SECRET: SECRET_A, GATEHOUSE_ISSUER: "https://id.example.com/" }));

describe("csrf cookie", () => {
  it("is __Host- prefixed, HttpOnly, SameSite=Lax, Secure and Path=/ with an https issuer", () => {
    expect(csrfCookie()).toEqual({ name: "__Host-gatehouse-csrf", options: { httpOnly: true, sameSite: "lax", secure: true, path: "/" } });
  });

  it("falls back to a bare name without Secure with an http:// issuer (__Host- requires Secure)", () => {
    configure({ GATEHOUSE_ISSUER: "http://localhost:3000/" });
    expect(csrfCookie()).toEqual({ name: "gatehouse-csrf", options: { httpOnly: true, sameSite: "lax", secure: false, path: "/" } });
  });

  it("holds 256 random bits, base64url", () => {
    const values = new Set(Array.from({ length: 50 }, () => newCsrfCookieValue()));
    expect(values.size).toBe(50);
    for (const value of values) expect(isCsrfCookieValue(value)).toBe(true);
    expect(isCsrfCookieValue("short")).toBe(false);
    expect(isCsrfCookieValue(`${newCsrfCookieValue()};x`)).toBe(false);
  });
});

describe("verifyCsrf", () => {
  const cookieValue = newCsrfCookieValue();
  const origin = "https://id.example.com";

  it("accepts the token made for this cookie and purpose, with or without an Origin header", () => {
    const token = csrfToken(cookieValue, "setup");
    expect(failure(() => verifyCsrf({ cookieValue, token, origin, purpose: "setup" }))).toBeNull();
    expect(failure(() => verifyCsrf({ cookieValue, token, origin: null, purpose: "setup" }))).toBeNull();
  });

  it("does not reveal the cookie value in the token", () => {
    expect(csrfToken(cookieValue, "setup")).not.toContain(cookieValue);
    expect(csrfToken(cookieValue, "setup")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ["another form's token (purpose binding)", () => ({ cookieValue, token: csrfToken(cookieValue, "login"), origin }), "bad_token"],
    ["another browser's token (cookie binding)", () => ({ cookieValue, token: csrfToken(newCsrfCookieValue(), "setup"), origin }), "bad_token"],
    ["a tampered token", () => ({ cookieValue, token: tamper(csrfToken(cookieValue, "setup")), origin }), "bad_token"],
    ["the cookie value itself as the token (plain double submit)", () => ({ cookieValue, token: cookieValue, origin }), "bad_token"],
    ["no token", () => ({ cookieValue, token: "", origin }), "missing_token"],
    ["no cookie", () => ({ cookieValue: undefined, token: csrfToken(cookieValue, "setup"), origin }), "missing_cookie"],
    ["a malformed cookie", () => ({ cookieValue: "x", token: csrfToken("x", "setup"), origin }), "missing_cookie"],
    ["another origin", () => ({ cookieValue, token: csrfToken(cookieValue, "setup"), origin: "https://evil.example" }), "bad_origin"],
    ["a sibling subdomain", () => ({ cookieValue, token: csrfToken(cookieValue, "setup"), origin: "https://app.id.example.com" }), "bad_origin"],
    ["another scheme", () => ({ cookieValue, token: csrfToken(cookieValue, "setup"), origin: "http://id.example.com" }), "bad_origin"],
    ["an opaque origin (Origin: null)", () => ({ cookieValue, token: csrfToken(cookieValue, "setup"), origin: "null" }), "bad_origin"],
  ] as const)("refuses %s", (_name, input, reason) => {
    expect(failure(() => verifyCsrf({ ...input(), purpose: "setup" }))).toBe(reason);
  });

  it("refuses a token minted under another master secret", () => {
    const token = csrfToken(cookieValue, "setup");
    configure({ GATEHOUSE_SECRET: SECRET_B });
    expect(failure(() => verifyCsrf({ cookieValue, token, origin, purpose: "setup" }))).toBe("bad_token");
    expect(failure(() => verifyCsrf({ cookieValue, token: csrfToken(cookieValue, "setup"), origin, purpose: "setup" }))).toBeNull();
  });

  it("compares the issuer's origin, not its path (http://localhost:3100/)", () => {
    configure({ GATEHOUSE_ISSUER: "http://localhost:3100/" });
    const token = csrfToken(cookieValue, "setup");
    expect(failure(() => verifyCsrf({ cookieValue, token, origin: "http://localhost:3100", purpose: "setup" }))).toBeNull();
    expect(failure(() => verifyCsrf({ cookieValue, token, origin: "http://localhost:3101", purpose: "setup" }))).toBe("bad_origin");
  });
});
