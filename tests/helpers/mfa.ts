// Helpers for tests that need users enrolled in MFA: MFA turned on through the Management API, an
// application with the password and MFA grants, and enrollment the way a password-grant
// application does it (mfa_required → /mfa/associate → mfa-otp with a code computed from the secret).
import { expect } from "vitest";
import { base32Decode, hotp, totpStep } from "../../lib/mfa/totp.ts";
import { call } from "./app.ts";
import { api, PASSWORD, tag } from "./users.ts";

export const REALM_GRANT = "http://auth0.com/oauth/grant-type/password-realm";
export const OTP_GRANT = "http://auth0.com/oauth/grant-type/mfa-otp";
export const RECOVERY_GRANT = "http://auth0.com/oauth/grant-type/mfa-recovery-code";

export type MfaClient = { client_id: string; client_secret: string };

export async function enableMfa(): Promise<void> {
  expect((await api("PUT", "/guardian/factors/otp", { enabled: true })).status).toBe(200);
  expect((await api("PUT", "/guardian/policies", ["all-applications"])).status).toBe(200);
}

export async function createMfaClient(): Promise<MfaClient> {
  const r = await api("POST", "/clients", { name: `mfa-${tag()}`, app_type: "regular_web", grant_types: ["password", REALM_GRANT, OTP_GRANT, RECOVERY_GRANT] });
  expect(r.status).toBe(201);
  return r.body as MfaClient;
}

export function totpCode(secret: string, step = totpStep(Date.now())): string {
  return hotp(base32Decode(secret)!, step);
}

export async function tokenRequest(form: Record<string, string>) {
  const response = await call("POST", "/oauth/token", { form });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

/** The mfa_token of a right password (the user must need MFA). */
export async function mfaTokenFor(client: MfaClient, email: string): Promise<string> {
  const r = await tokenRequest({ grant_type: REALM_GRANT, client_id: client.client_id, client_secret: client.client_secret, realm: "Username-Password-Authentication", username: email, password: PASSWORD });
  expect(r.body.error).toBe("mfa_required");
  return r.body.mfa_token!;
}

/** Enrolls the user with an OTP authenticator; returns its secret and the recovery code. */
export async function enrollWithPasswordGrant(client: MfaClient, email: string): Promise<{ secret: string; recoveryCode: string; step: number }> {
  const mfaToken = await mfaTokenFor(client, email);
  const response = await call("POST", "/mfa/associate", {
    json: { client_id: client.client_id, client_secret: client.client_secret, authenticator_types: ["otp"] },
    headers: { authorization: `Bearer ${mfaToken}` },
  });
  expect(response.status).toBe(200);
  const associated = (await response.json()) as { secret: string; recovery_codes: string[] };
  const step = totpStep(Date.now());
  const r = await tokenRequest({ grant_type: OTP_GRANT, client_id: client.client_id, client_secret: client.client_secret, mfa_token: mfaToken, otp: totpCode(associated.secret, step) });
  expect(r.status).toBe(200);
  return { secret: associated.secret, recoveryCode: associated.recovery_codes[0]!, step };
}
