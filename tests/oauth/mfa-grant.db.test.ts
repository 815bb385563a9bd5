// MFA for the password grants (auth0-authentication.md §3.3 mfa_required, §3.6 MFA grants, §11 MFA
// API) with TOTP (RFC 6238): a right password answers 403 mfa_required with an mfa_token; the
// application associates an OTP authenticator (/mfa/associate), and the mfa-otp grant with a code
// computed here from the secret finishes the login (ID token amr ["pwd","mfa"]). Wrong codes,
// replayed codes, used tokens, other applications' tokens, the recovery-code grant, and failed
// codes blocking like failed passwords (counted apart from them).
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { api, createUser, db, PASSWORD, tag, userPath } from "../helpers/users.ts";
import { base32Decode, hotp, totpStep } from "../../lib/mfa/totp.ts";

const REALM_GRANT = "http://auth0.com/oauth/grant-type/password-realm";
const OTP_GRANT = "http://auth0.com/oauth/grant-type/mfa-otp";
const RECOVERY_GRANT = "http://auth0.com/oauth/grant-type/mfa-recovery-code";
const CONNECTION = "Username-Password-Authentication";

type Client = { client_id: string; client_secret: string };
let app: Client;
let other: Client;
let noMfaGrant: Client;

async function token(form: Record<string, string>) {
  const response = await call("POST", "/oauth/token", { form });
  return { status: response.status, body: (await response.json()) as Record<string, string>, headers: response.headers };
}

const passwordLogin = (username: string, client: Client = app, extra: Record<string, string> = {}) =>
  token({ grant_type: REALM_GRANT, client_id: client.client_id, client_secret: client.client_secret, realm: CONNECTION, username, password: PASSWORD, scope: "openid profile email", ...extra });

const otpGrant = (mfaToken: string, otp: string, client: Client = app) =>
  token({ grant_type: OTP_GRANT, client_id: client.client_id, client_secret: client.client_secret, mfa_token: mfaToken, otp });

const recoveryGrant = (mfaToken: string, recoveryCode: string, client: Client = app) =>
  token({ grant_type: RECOVERY_GRANT, client_id: client.client_id, client_secret: client.client_secret, mfa_token: mfaToken, recovery_code: recoveryCode });

async function mfaToken(username: string, client: Client = app): Promise<string> {
  const r = await passwordLogin(username, client);
  expect(r.status).toBe(403);
  expect(r.body.error).toBe("mfa_required");
  expect(r.body.error_description).toBe("Multifactor authentication required");
  expect(r.body.mfa_token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  return r.body.mfa_token!;
}

async function associate(mfa: string, client: Client = app) {
  const response = await call("POST", "/mfa/associate", {
    json: { client_id: client.client_id, client_secret: client.client_secret, authenticator_types: ["otp"] },
    headers: { authorization: `Bearer ${mfa}` },
  });
  return { status: response.status, body: (await response.json()) as { secret: string; barcode_uri: string; authenticator_type: string; recovery_codes?: string[]; error?: string } };
}

/** The code of `secret` for a step (the current one by default). */
function code(secret: string, step = totpStep(Date.now())): string {
  return hotp(base32Decode(secret)!, step);
}

async function logTypes(userId: string): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 100));
  const rows = await (await db()).logEvent.findMany({ where: { user_id: userId }, orderBy: { log_id: "asc" }, select: { type: true } });
  return rows.map((r) => r.type);
}

/** An enrolled user: associated and confirmed with a code of the current step. */
async function enrolledUser(): Promise<{ user: Record<string, unknown>; secret: string; recoveryCode: string; lastStep: number }> {
  const user = await createUser();
  const mfa = await mfaToken(user.email as string);
  const associated = await associate(mfa);
  expect(associated.status).toBe(200);
  const lastStep = totpStep(Date.now());
  const r = await otpGrant(mfa, code(associated.body.secret, lastStep));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { user, secret: associated.body.secret, recoveryCode: associated.body.recovery_codes![0]!, lastStep };
}

beforeAll(async () => {
  const grants = ["password", REALM_GRANT, OTP_GRANT, RECOVERY_GRANT, "refresh_token"];
  app = (await api("POST", "/clients", { name: `mfa-${tag()}`, app_type: "regular_web", grant_types: grants })).body;
  other = (await api("POST", "/clients", { name: `mfa-other-${tag()}`, app_type: "regular_web", grant_types: grants })).body;
  noMfaGrant = (await api("POST", "/clients", { name: `mfa-none-${tag()}`, app_type: "regular_web", grant_types: ["password", REALM_GRANT] })).body;
});

describe("MFA settings (guardian factors and policies)", () => {
  it("are off by default: password logins are unchanged", async () => {
    const factors = await api("GET", "/guardian/factors");
    expect(factors.status).toBe(200);
    expect(factors.body).toContainEqual({ name: "otp", enabled: false, trial_expired: false });
    expect(factors.body).toContainEqual({ name: "recovery-code", enabled: true, trial_expired: false });
    expect((await api("GET", "/guardian/policies")).body).toEqual([]);
    const user = await createUser();
    const r = await passwordLogin(user.email as string);
    expect(r.status).toBe(200);
    expect(decodeJwt(r.body.id_token!).amr).toEqual(["pwd"]);
  });

  it("only supported factors can be enabled; unknown names and policies are refused", async () => {
    const sms = await api("PUT", "/guardian/factors/sms", { enabled: true });
    expect(sms.status).toBe(400);
    expect(sms.body.message).toMatch(/not supported/);
    expect((await api("PUT", "/guardian/factors/sms", { enabled: false })).body).toEqual({ enabled: false });
    expect((await api("PUT", "/guardian/factors/nope", { enabled: true })).status).toBe(400);
    expect((await api("PUT", "/guardian/policies", ["sometimes"])).status).toBe(400);
    expect((await api("PUT", "/guardian/policies", ["confidence-score"])).status).toBe(400);
  });

  it("turns MFA on: otp factor and the all-applications policy", async () => {
    expect((await api("PUT", "/guardian/factors/otp", { enabled: true })).body).toEqual({ enabled: true });
    expect((await api("PUT", "/guardian/policies", ["all-applications"])).body).toEqual(["all-applications"]);
    expect((await api("GET", "/guardian/policies")).body).toEqual(["all-applications"]);
  });
});

describe("mfa_required → /mfa/associate → mfa-otp", () => {
  it("enrolls and signs in with a code computed from the secret; the ID token says amr pwd + mfa", async () => {
    const user = await createUser();
    const mfa = await mfaToken(user.email as string);

    const challenge = await call("POST", "/mfa/challenge", { json: { client_id: app.client_id, client_secret: app.client_secret, mfa_token: mfa } });
    expect(challenge.status).toBe(400);
    expect(((await challenge.json()) as { error: string }).error).toBe("unsupported_challenge_type");

    const associated = await associate(mfa);
    expect(associated.status).toBe(200);
    expect(associated.body.authenticator_type).toBe("otp");
    expect(associated.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(associated.body.barcode_uri).toMatch(new RegExp(`^otpauth://totp/Gatehouse:${encodeURIComponent(user.email as string)}\\?secret=${associated.body.secret}&`));
    expect(associated.body.recovery_codes).toHaveLength(1);
    expect(associated.body.recovery_codes![0]).toMatch(/^[A-Z2-7]{24}$/);
    // Inactive until verified.
    const listed = await call("GET", "/mfa/authenticators", { headers: { authorization: `Bearer ${mfa}` } });
    expect(((await listed.json()) as { authenticator_type: string; active: boolean }[]).find((a) => a.authenticator_type === "otp")?.active).toBe(false);

    const wrong = await otpGrant(mfa, code(associated.body.secret, totpStep(Date.now()) + 5));
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ error: "invalid_grant", error_description: "Invalid otp_code." });

    const r = await otpGrant(mfa, code(associated.body.secret));
    expect(r.status).toBe(200);
    expect(r.body.access_token).toBeTruthy();
    expect(r.body.recovery_code).toBeUndefined();
    const idToken = decodeJwt(r.body.id_token!);
    expect(idToken).toMatchObject({ sub: user.user_id, aud: app.client_id, email: user.email, amr: ["pwd", "mfa"] });

    // The mfa_token is spent.
    expect((await otpGrant(mfa, code(associated.body.secret, totpStep(Date.now()) + 1))).body.error).toBe("invalid_grant");

    const profile = await api("GET", userPath(user.user_id as string));
    expect(profile.body.multifactor).toEqual(["guardian"]);
    expect(profile.body.logins_count).toBe(1);
    const types = await logTypes(user.user_id as string);
    for (const type of ["mfar", "gd_start_enroll", "gd_auth_failed", "gd_enrollment_complete", "gd_auth_succeed", "s", "seotpft"]) expect(types).toContain(type);
    // mfa_required is not a failed exchange.
    expect(types).not.toContain("fepft");
  });

  it("refuses a replayed code, accepts the next step's; a wrong mfa_token or another application's is refused", async () => {
    const { user, secret, lastStep } = await enrolledUser();
    const email = user.email as string;
    const first = await mfaToken(email);
    const replay = await otpGrant(first, code(secret, lastStep));
    expect(replay.status).toBe(403);
    expect(replay.body.error_description).toBe("Invalid otp_code.");
    const next = await otpGrant(first, code(secret, lastStep + 1));
    expect(next.status).toBe(200);
    // The same step again, with a new mfa_token: still a replay.
    expect((await otpGrant(await mfaToken(email), code(secret, lastStep + 1))).status).toBe(403);

    expect((await otpGrant("not-a-token", code(secret, lastStep + 2))).body).toEqual({ error: "invalid_grant", error_description: "Malformed or expired mfa_token." });
    const foreign = await mfaToken(email, other);
    expect((await otpGrant(foreign, code(secret, lastStep + 2))).body.error_description).toBe("Malformed or expired mfa_token.");
    // Already enrolled: associating again is refused; the challenge names otp.
    const again = await mfaToken(email);
    expect((await associate(again)).status).toBe(400);
    const challenge = await call("POST", "/mfa/challenge", { json: { client_id: app.client_id, client_secret: app.client_secret, mfa_token: again } });
    expect(await challenge.json()).toEqual({ challenge_type: "otp" });
  });

  it("needs the grant type on the application, and the parameters", async () => {
    const user = await createUser();
    const mfa = await mfaToken(user.email as string, noMfaGrant);
    const refused = await otpGrant(mfa, "123456", noMfaGrant);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ error: "unauthorized_client", error_description: `Grant type '${OTP_GRANT}' not allowed for the client.` });
    const missing = await token({ grant_type: OTP_GRANT, client_id: app.client_id, client_secret: app.client_secret, mfa_token: "x" });
    expect(missing.body).toEqual({ error: "invalid_request", error_description: "Missing required parameter: otp" });
  });

  it("the recovery code signs in once and is replaced by a new one in the response", async () => {
    const { user, recoveryCode } = await enrolledUser();
    const email = user.email as string;
    const r = await recoveryGrant(await mfaToken(email), recoveryCode.toLowerCase().replace(/(.{4})/g, "$1 "));
    expect(r.status).toBe(200);
    expect(r.body.recovery_code).toMatch(/^[A-Z2-7]{24}$/);
    expect(r.body.recovery_code).not.toBe(recoveryCode);
    expect(decodeJwt(r.body.id_token!).amr).toEqual(["pwd", "mfa"]);
    const reused = await recoveryGrant(await mfaToken(email), recoveryCode);
    expect(reused.status).toBe(403);
    expect(reused.body.error_description).toBe("Invalid recovery code.");
    expect((await recoveryGrant(await mfaToken(email), r.body.recovery_code!)).status).toBe(200);
    const types = await logTypes(user.user_id as string);
    expect(types).toContain("gd_recovery_succeed");
    expect(types).toContain("gd_recovery_failed");
    expect(types).toContain("sercft");
  });
});

describe("attack protection on codes", () => {
  it("wrong codes count like failed logins, apart from passwords: the 10th blocks the identifier from the IP", async () => {
    const { user, secret, lastStep } = await enrolledUser();
    const email = user.email as string;
    const wrong = code(secret, lastStep + 20);
    const mfa = await mfaToken(email);
    for (let i = 1; i <= 5; i++) expect((await otpGrant(mfa, wrong)).status, `attempt ${i}`).toBe(403);
    // The right password resets the password count, not the count of codes.
    const mfa2 = await mfaToken(email);
    for (let i = 6; i <= 10; i++) expect((await otpGrant(mfa2, wrong)).status, `attempt ${i}`).toBe(403);

    const blocked = await otpGrant(mfa2, code(secret, lastStep + 1));
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe("too_many_attempts");
    // The block is the identifier's: the password step refuses too, and operators see and release it.
    expect((await passwordLogin(email)).status).toBe(429);
    const blocks = await api("GET", `/user-blocks/${encodeURIComponent(user.user_id as string)}`);
    expect(blocks.body.blocked_for).toEqual([{ identifier: email, ip: "203.0.113.7", connection: CONNECTION }]);
    const types = await logTypes(user.user_id as string);
    expect(types).toContain("limit_wc");
    expect(types).toContain("gd_otp_rate_limit_exceed");

    expect((await api("DELETE", `/user-blocks/${encodeURIComponent(user.user_id as string)}`)).status).toBe(204);
    const released = await otpGrant(await mfaToken(email), code(secret, lastStep + 1));
    expect(released.status).toBe(200);
  });
});
