// The hosted login's second factor (lib/services/login/login-mfa.ts): with MFA on, the password
// step stops before the session (MfaStepRequired, bound to the browser), the MFA page enrolls a
// TOTP authenticator the first time (a code computed here from the secret shown), shows a recovery
// code once, then completes the login with amr ["pwd","mfa"] — in the session and in the ID token.
// Single sign-on with that session does not ask again; a session without MFA does. Later logins
// are challenged (code, or recovery code → a new one). Signup with the policy on enrolls too. MFA
// off: nothing changes.
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { authorizeRequest, callbackParams, createApp, interactionState, CALLBACK, type App } from "../helpers/hosted-login.ts";
import { api, createUser, db, PASSWORD, uniqueEmail } from "../helpers/users.ts";
import { base32Decode, hotp, totpStep } from "../../lib/mfa/totp.ts";

const { loginWithPassword } = await import("../../lib/services/login/login-with-password.ts");
const { loadLoginMfa, verifyLoginMfa, finishLoginMfa } = await import("../../lib/services/login/login-mfa.ts");
const { MfaStepRequired, LoginTransactionError } = await import("../../lib/services/login/login-errors.ts");
const { MfaCodeError } = await import("../../lib/services/mfa/verify-mfa-code.ts");
const { findActiveSession } = await import("../../lib/oidc/sessions/sessions.ts");
const { loadLoginContext } = await import("../../lib/services/login/login-context.ts");
const { signupUser } = await import("../../lib/services/login/signup-user.ts");
const { completeLogin } = await import("../../lib/services/login/complete-login.ts");

let app: App & { client_secret: string };

const code = (secret: string, step = totpStep(Date.now())) => hotp(base32Decode(secret)!, step);

async function newLogin(): Promise<string> {
  return interactionState(await authorizeRequest({ client_id: app.client_id, state: "app-state", nonce: "n" }));
}

async function mfaStep(promise: Promise<unknown>): Promise<{ location: string; browserBinding: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MfaStepRequired);
  return error as InstanceType<typeof MfaStepRequired>;
}

async function exchange(authorizationCode: string) {
  const response = await call("POST", "/oauth/token", {
    form: { grant_type: "authorization_code", code: authorizationCode, redirect_uri: CALLBACK, client_id: app.client_id, client_secret: app.client_secret },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id_token: string };
}

/** Password step through enrollment; returns the secret, the recovery code and the completed login. */
async function enroll(email: string) {
  const state = await newLogin();
  const step = await mfaStep(loginWithPassword(await db(), { state, identifier: email, password: PASSWORD }));
  expect(step.location).toBe(`/u/mfa?state=${state}`);
  const view = await loadLoginMfa(await db(), { state, browserBinding: step.browserBinding });
  if (view?.view.step !== "enroll") throw new Error(`expected enrollment, got ${JSON.stringify(view?.view)}`);
  const usedStep = totpStep(Date.now());
  const verified = await verifyLoginMfa(await db(), { state, browserBinding: step.browserBinding, kind: "otp", code: code(view.view.secret, usedStep) });
  const completed = await finishLoginMfa(await db(), { state, browserBinding: step.browserBinding });
  return { secret: view.view.secret, uri: view.view.uri, recoveryCode: verified.recoveryCode!, completed, usedStep };
}

beforeAll(async () => {
  app = (await createApp()) as App & { client_secret: string };
});

describe("MFA off (the default)", () => {
  it("the password completes the login as before, amr pwd", async () => {
    const user = await createUser();
    const completed = await loginWithPassword(await db(), { state: await newLogin(), identifier: user.email as string, password: PASSWORD });
    const session = await findActiveSession(await db(), completed.sessionCookie.value);
    expect(session?.amr).toEqual(["pwd"]);
  });
});

describe("MFA on", () => {
  let preMfaSession: string;

  beforeAll(async () => {
    // A session made before MFA was turned on: single sign-on must not skip the second factor.
    const user = await createUser();
    preMfaSession = (await loginWithPassword(await db(), { state: await newLogin(), identifier: user.email as string, password: PASSWORD })).sessionCookie.value;
    expect((await api("PUT", "/guardian/factors/otp", { enabled: true })).status).toBe(200);
    expect((await api("PUT", "/guardian/policies", ["all-applications"])).status).toBe(200);
  });

  it("enrolls: the page needs this browser, shows the secret and otpauth URI, a code confirms, a recovery code is given", async () => {
    const user = await createUser();
    const email = user.email as string;
    const state = await newLogin();
    const step = await mfaStep(loginWithPassword(await db(), { state, identifier: email, password: PASSWORD }));
    // No session yet, and the transaction is still open.
    expect(await (await db()).session.count({ where: { user_id: user.user_id as string } })).toBe(0);
    // Another browser (no or another binding) gets nothing.
    expect(await loadLoginMfa(await db(), { state, browserBinding: undefined })).toBeNull();
    expect(await loadLoginMfa(await db(), { state, browserBinding: "x".repeat(32) })).toBeNull();

    const loaded = await loadLoginMfa(await db(), { state, browserBinding: step.browserBinding });
    if (loaded?.view.step !== "enroll") throw new Error("expected enrollment");
    expect(loaded.view.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(loaded.view.uri).toBe(`otpauth://totp/Gatehouse:${encodeURIComponent(email)}?secret=${loaded.view.secret}&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30`);
    // A reload shows the same secret.
    const again = await loadLoginMfa(await db(), { state, browserBinding: step.browserBinding });
    expect(again?.view).toEqual(loaded.view);
    // The secret is stored encrypted, never in the clear.
    const stored = await (await db()).authenticator.findFirstOrThrow({ where: { user_id: user.user_id as string, type: "otp" }, omit: { secret_encrypted: false } });
    expect(stored.confirmed).toBe(false);
    expect(stored.secret_encrypted).not.toContain(loaded.view.secret);
    expect(stored.secret_encrypted!.split(".")).toHaveLength(5);

    const wrong = await verifyLoginMfa(await db(), { state, browserBinding: step.browserBinding, kind: "otp", code: code(loaded.view.secret, totpStep(Date.now()) + 7) }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(MfaCodeError);
    expect((wrong as InstanceType<typeof MfaCodeError>).code).toBe("invalid_code");
    // Continuing before the factor is verified is refused.
    await expect(finishLoginMfa(await db(), { state, browserBinding: step.browserBinding })).rejects.toBeInstanceOf(LoginTransactionError);

    const verified = await verifyLoginMfa(await db(), { state, browserBinding: step.browserBinding, kind: "otp", code: code(loaded.view.secret) });
    expect(verified.recoveryCode).toMatch(/^[A-Z2-7]{24}$/);
    // The page shows the new recovery code (kept encrypted) until the login completes.
    expect((await loadLoginMfa(await db(), { state, browserBinding: step.browserBinding }))?.view).toEqual({ step: "verified", recoveryCode: verified.recoveryCode });
    const kept = await (await db()).mfaTransaction.findUniqueOrThrow({ where: { id: step.browserBinding }, omit: { recovery_code_encrypted: false } });
    expect(kept.recovery_code_encrypted).not.toContain(verified.recoveryCode!);

    const completed = await finishLoginMfa(await db(), { state, browserBinding: step.browserBinding, ip: "198.51.100.9" });
    const session = await findActiveSession(await db(), completed.sessionCookie.value);
    expect(session?.amr).toEqual(["pwd", "mfa"]);
    const tokens = await exchange(callbackParams(completed.outcome).get("code")!);
    expect(decodeJwt(tokens.id_token)).toMatchObject({ sub: user.user_id, amr: ["pwd", "mfa"], nonce: "n" });
    // Completed: the recovery code is forgotten, and the MFA step cannot complete a second login.
    expect((await (await db()).mfaTransaction.findUniqueOrThrow({ where: { id: step.browserBinding }, omit: { recovery_code_encrypted: false } })).recovery_code_encrypted).toBeNull();
    await expect(finishLoginMfa(await db(), { state, browserBinding: step.browserBinding })).rejects.toBeInstanceOf(LoginTransactionError);
    const profile = await api("GET", `/users/${encodeURIComponent(user.user_id as string)}`);
    expect(profile.body.multifactor).toEqual(["guardian"]);
    expect(profile.body.logins_count).toBe(1);

    // Single sign-on with this session: straight back to the application, no second factor again.
    const sso = await authorizeRequest({ client_id: app.client_id, state: "s2" }, completed.sessionCookie.value);
    expect(callbackParams(sso).get("code")).toBeTruthy();
  });

  it("a session without MFA is not enough for single sign-on any more", async () => {
    const outcome = await authorizeRequest({ client_id: app.client_id, state: "s3" }, preMfaSession);
    expect(interactionState(outcome)).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it("later logins are challenged: a code (not a replayed one), or the recovery code, which is replaced", async () => {
    const user = await createUser();
    const email = user.email as string;
    const { secret, recoveryCode, usedStep } = await enroll(email);

    const state = await newLogin();
    const step = await mfaStep(loginWithPassword(await db(), { state, identifier: email, password: PASSWORD }));
    const challenge = await loadLoginMfa(await db(), { state, browserBinding: step.browserBinding });
    expect(challenge?.view).toEqual({ step: "challenge", method: "otp", recoveryCodeAvailable: true });
    expect((await loadLoginMfa(await db(), { state, browserBinding: step.browserBinding, method: "recovery-code" }))?.view).toMatchObject({ method: "recovery-code" });

    const replay = await verifyLoginMfa(await db(), { state, browserBinding: step.browserBinding, kind: "otp", code: code(secret, usedStep) }).catch((e: unknown) => e);
    expect((replay as InstanceType<typeof MfaCodeError>).code).toBe("invalid_code");
    expect(await verifyLoginMfa(await db(), { state, browserBinding: step.browserBinding, kind: "otp", code: code(secret, usedStep + 1) })).toEqual({});
    const completed = await finishLoginMfa(await db(), { state, browserBinding: step.browserBinding });
    expect((await findActiveSession(await db(), completed.sessionCookie.value))?.amr).toEqual(["pwd", "mfa"]);

    const recoveryState = await newLogin();
    const recoveryStep = await mfaStep(loginWithPassword(await db(), { state: recoveryState, identifier: email, password: PASSWORD }));
    const recovered = await verifyLoginMfa(await db(), { state: recoveryState, browserBinding: recoveryStep.browserBinding, kind: "recovery-code", code: recoveryCode });
    expect(recovered.recoveryCode).toMatch(/^[A-Z2-7]{24}$/);
    expect(recovered.recoveryCode).not.toBe(recoveryCode);
    await finishLoginMfa(await db(), { state: recoveryState, browserBinding: recoveryStep.browserBinding });

    // The used recovery code is gone.
    const thirdState = await newLogin();
    const third = await mfaStep(loginWithPassword(await db(), { state: thirdState, identifier: email, password: PASSWORD }));
    const reused = await verifyLoginMfa(await db(), { state: thirdState, browserBinding: third.browserBinding, kind: "recovery-code", code: recoveryCode }).catch((e: unknown) => e);
    expect((reused as InstanceType<typeof MfaCodeError>).code).toBe("invalid_code");
  });

  it("signup under the all-applications policy enrolls before the first session", async () => {
    const state = interactionState(await authorizeRequest({ client_id: app.client_id, state: "su", screen_hint: "signup" }), "/u/signup");
    const context = (await loadLoginContext(await db(), state))!;
    const email = uniqueEmail("signup-mfa");
    const { user, connection } = await signupUser(await db(), context, { email, password: PASSWORD });
    const step = await mfaStep(completeLogin(await db(), { transaction: context.transaction, user, connection }));
    expect((await loadLoginMfa(await db(), { state, browserBinding: step.browserBinding }))?.view.step).toBe("enroll");
    expect(await (await db()).session.count({ where: { user_id: user.user_id } })).toBe(0);
  });
});
