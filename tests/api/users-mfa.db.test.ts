// Managing a user's second factors through the Management API (lib/management/routes/user-mfa.ts,
// guardian.ts): authentication methods and enrollments as Auth0 presents them, deleting one or all
// ("reset MFA", after which the user enrolls again), regenerating the recovery code, scopes, and
// the audit trail (gd_unenroll, sapi without the recovery code in it).
import { beforeAll, describe, expect, it } from "vitest";
import { createMfaClient, enableMfa, enrollWithPasswordGrant, mfaTokenFor, RECOVERY_GRANT, tokenRequest, type MfaClient } from "../helpers/mfa.ts";
import { managementToken } from "../helpers/tokens.ts";
import { api, createUser, db, userPath } from "../helpers/users.ts";

let client: MfaClient;

beforeAll(async () => {
  await enableMfa();
  client = await createMfaClient();
});

async function enrolledUser() {
  const user = await createUser();
  const enrollment = await enrollWithPasswordGrant(client, user.email as string);
  return { userId: user.user_id as string, email: user.email as string, ...enrollment };
}

const methodsPath = (userId: string) => `${userPath(userId)}/authentication-methods`;

describe("authentication methods and enrollments", () => {
  it("lists the TOTP authenticator and the recovery code, one by one and as Guardian enrollments", async () => {
    const { userId } = await enrolledUser();
    const list = await api("GET", methodsPath(userId));
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    const [totp, recovery] = list.body as Record<string, unknown>[];
    expect(totp).toMatchObject({ type: "totp", confirmed: true, authentication_methods: [{ type: "totp", id: totp!.id }] });
    expect(totp!.id).toMatch(/^totp\|dev_[A-Za-z0-9]{20}$/);
    expect(typeof totp!.enrolled_at).toBe("string");
    expect(typeof totp!.last_auth_at).toBe("string");
    expect(recovery).toMatchObject({ type: "recovery-code", confirmed: true });
    // No secret of any kind is presented.
    expect(list.text).not.toMatch(/secret|hash/);

    const paged = await api("GET", `${methodsPath(userId)}?include_totals=true&per_page=1&page=1`);
    expect(paged.body).toMatchObject({ start: 1, limit: 1, total: 2, authenticators: [{ id: recovery!.id }] });
    expect((await api("GET", `${methodsPath(userId)}/${encodeURIComponent(totp!.id as string)}`)).body).toEqual(totp);
    const missing = await api("GET", `${methodsPath(userId)}/totp%7Cdev_nope`);
    expect(missing.status).toBe(404);
    expect((await api("GET", methodsPath("auth0|000000000000000000000000"))).status).toBe(404);

    const enrollments = await api("GET", `${userPath(userId)}/enrollments`);
    expect(enrollments.body).toEqual([{ id: totp!.id, status: "confirmed", type: "authenticator", auth_method: "authenticator", enrolled_at: totp!.enrolled_at, last_auth: totp!.last_auth_at }]);
    expect((await api("GET", `/guardian/enrollments/${encodeURIComponent(totp!.id as string)}`)).body).toEqual(enrollments.body[0]);
  });

  it("needs Auth0's scopes", async () => {
    const { userId } = await enrolledUser();
    const readUsersOnly = await managementToken("read:users");
    const refused = await api("GET", methodsPath(userId), undefined, readUsersOnly);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain("read:authentication_methods");
    expect((await api("DELETE", `${userPath(userId)}/authenticators`, undefined, readUsersOnly)).status).toBe(403);
    expect((await api("GET", "/guardian/factors", undefined, readUsersOnly)).status).toBe(403);
    expect((await api("PUT", "/guardian/policies", [], readUsersOnly)).status).toBe(403);
    const reader = await managementToken("read:authentication_methods");
    expect((await api("GET", methodsPath(userId), undefined, reader)).status).toBe(200);
  });
});

describe("reset MFA", () => {
  it("DELETE /users/{id}/authenticators removes everything; the next login enrolls again", async () => {
    const { userId, email } = await enrolledUser();
    const reset = await api("DELETE", `${userPath(userId)}/authenticators`);
    expect(reset.status).toBe(204);
    expect((await api("GET", methodsPath(userId))).body).toEqual([]);
    expect((await api("GET", userPath(userId))).body.multifactor).toBeUndefined();
    await new Promise((r) => setTimeout(r, 100));
    const events = await (await db()).logEvent.findMany({ where: { user_id: userId, type: "gd_unenroll" } });
    expect(events).toHaveLength(1);
    // Enrolls again from scratch (a new secret and a first recovery code).
    const again = await enrollWithPasswordGrant(client, email);
    expect(again.recoveryCode).toMatch(/^[A-Z2-7]{24}$/);
  });

  it("deleting the TOTP method takes the recovery code with it; deleting an unknown one is a 404", async () => {
    const { userId } = await enrolledUser();
    const [totp] = (await api("GET", methodsPath(userId))).body as { id: string }[];
    expect((await api("DELETE", `${methodsPath(userId)}/${encodeURIComponent(totp!.id)}`)).status).toBe(204);
    expect((await api("GET", methodsPath(userId))).body).toEqual([]);
    expect((await api("DELETE", `${methodsPath(userId)}/${encodeURIComponent(totp!.id)}`)).status).toBe(404);
  });

  it("DELETE /authentication-methods, /guardian/enrollments/{id} and /multifactor/google-authenticator reset too", async () => {
    const first = await enrolledUser();
    expect((await api("DELETE", methodsPath(first.userId))).status).toBe(204);
    expect((await api("GET", methodsPath(first.userId))).body).toEqual([]);

    const second = await enrolledUser();
    const [enrollment] = (await api("GET", `${userPath(second.userId)}/enrollments`)).body as { id: string }[];
    expect((await api("DELETE", `/guardian/enrollments/${encodeURIComponent(enrollment!.id)}`)).status).toBe(204);
    expect((await api("GET", `/guardian/enrollments/${encodeURIComponent(enrollment!.id)}`)).status).toBe(404);

    const third = await enrolledUser();
    expect((await api("DELETE", `${userPath(third.userId)}/multifactor/duo`)).status).toBe(400);
    expect((await api("DELETE", `${userPath(third.userId)}/multifactor/google-authenticator`)).status).toBe(204);
    expect((await api("GET", methodsPath(third.userId))).body).toEqual([]);
  });
});

describe("recovery code regeneration", () => {
  it("returns a new code once (not in the audit log); the old one stops working", async () => {
    const { userId, email, recoveryCode } = await enrolledUser();
    const r = await api("POST", `${userPath(userId)}/recovery-code-regeneration`);
    expect(r.status).toBe(200);
    expect(r.body.recovery_code).toMatch(/^[A-Z2-7]{24}$/);
    const use = (code: string) =>
      mfaTokenFor(client, email).then((mfa_token) => tokenRequest({ grant_type: RECOVERY_GRANT, client_id: client.client_id, client_secret: client.client_secret, mfa_token, recovery_code: code }));
    expect((await use(recoveryCode)).status).toBe(403);
    expect((await use(r.body.recovery_code)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 100));
    const audit = await (await db()).logEvent.findMany({ where: { type: "sapi", description: "Generate a new recovery code for a user" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain(r.body.recovery_code);

    const unenrolled = await createUser();
    expect((await api("POST", `${userPath(unenrolled.user_id as string)}/recovery-code-regeneration`)).status).toBe(400);
  });
});
