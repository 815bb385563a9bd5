// /api/v2/attack-protection/* (auth0-authentication.md F.1): Auth0's shapes and defaults, PATCH
// semantics (properties replace, stages merge), validation with Auth0's error body, and scopes.
import { describe, expect, it } from "vitest";
import { managementToken } from "../helpers/tokens.ts";
import { api } from "../helpers/users.ts";

describe("attack protection settings", () => {
  it("a fresh tenant answers Auth0's defaults", async () => {
    expect((await api("GET", "/attack-protection/brute-force-protection")).body).toEqual({
      enabled: true,
      shields: ["block", "user_notification"],
      allowlist: [],
      mode: "count_per_identifier_and_ip",
      max_attempts: 10,
    });
    expect((await api("GET", "/attack-protection/suspicious-ip-throttling")).body).toEqual({
      enabled: true,
      shields: ["admin_notification", "block"],
      allowlist: [],
      stage: { "pre-login": { max_attempts: 100, rate: 864000 }, "pre-user-registration": { max_attempts: 50, rate: 1200 } },
    });
    expect((await api("GET", "/attack-protection/breached-password-detection")).body).toEqual({
      enabled: false,
      shields: [],
      admin_notification_frequency: [],
      method: "standard",
      stage: { "pre-user-registration": { shields: [] }, "pre-change-password": { shields: [] } },
    });
  });

  it("PATCH replaces the properties sent, merges stages, and answers the result", async () => {
    const bf = await api("PATCH", "/attack-protection/brute-force-protection", { max_attempts: 5, allowlist: ["10.0.0.0/8", "2001:db8::1"] });
    expect(bf.status).toBe(200);
    expect(bf.body).toMatchObject({ enabled: true, max_attempts: 5, allowlist: ["10.0.0.0/8", "2001:db8::1"], mode: "count_per_identifier_and_ip" });
    const sit = await api("PATCH", "/attack-protection/suspicious-ip-throttling", { stage: { "pre-login": { max_attempts: 20 } } });
    expect(sit.body.stage).toEqual({ "pre-login": { max_attempts: 20, rate: 864000 }, "pre-user-registration": { max_attempts: 50, rate: 1200 } });
    const bpd = await api("PATCH", "/attack-protection/breached-password-detection", { enabled: true, shields: ["block"], stage: { "pre-change-password": { shields: ["block"] } } });
    expect(bpd.body).toMatchObject({ enabled: true, shields: ["block"], stage: { "pre-change-password": { shields: ["block"] }, "pre-user-registration": { shields: [] } } });
    expect((await api("GET", "/attack-protection/brute-force-protection")).body.max_attempts).toBe(5);
    await api("PATCH", "/attack-protection/brute-force-protection", { max_attempts: 10, allowlist: [] });
    await api("PATCH", "/attack-protection/suspicious-ip-throttling", { stage: { "pre-login": { max_attempts: 100 } } });
    await api("PATCH", "/attack-protection/breached-password-detection", { enabled: false, shields: [], stage: { "pre-change-password": { shields: [] } } });
  });

  it.each([
    ["brute-force-protection", { max_attempts: 0 }],
    ["brute-force-protection", { max_attempts: 101 }],
    ["brute-force-protection", { mode: "everything" }],
    ["brute-force-protection", { allowlist: ["not-an-ip"] }],
    ["brute-force-protection", { allowlist: ["10.0.0.0/33"] }],
    ["brute-force-protection", { allowlist: Array.from({ length: 101 }, (_, i) => `10.0.0.${i % 250}`) }],
    ["brute-force-protection", { unknown: true }],
    ["suspicious-ip-throttling", { stage: { "pre-login": { rate: 10 } } }],
    ["suspicious-ip-throttling", { stage: { "pre-login": { max_attempts: 2501 } } }],
    ["suspicious-ip-throttling", { stage: { "pre-nothing": {} } }],
    ["suspicious-ip-throttling", { shields: ["user_notification"] }],
    ["breached-password-detection", { method: "magic" }],
    ["breached-password-detection", { admin_notification_frequency: ["hourly"] }],
  ])("PATCH /attack-protection/%s refuses %j with 400 invalid_body", async (path, body) => {
    const r = await api("PATCH", `/attack-protection/${path}`, body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ statusCode: 400, error: "Bad Request", errorCode: "invalid_body" });
  });

  it("needs read:attack_protection to read and update:attack_protection to change", async () => {
    const reader = await managementToken("read:attack_protection");
    const other = await managementToken("read:users");
    expect((await api("GET", "/attack-protection/brute-force-protection", undefined, reader)).status).toBe(200);
    expect((await api("GET", "/attack-protection/suspicious-ip-throttling", undefined, other)).status).toBe(403);
    expect((await api("PATCH", "/attack-protection/brute-force-protection", { enabled: true }, reader)).status).toBe(403);
  });
});
