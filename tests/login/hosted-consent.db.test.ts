// The consent step (lib/services/login: load-consent, decide-consent, record-consent): shown for
// third-party applications, recorded per user + application + audience with merged scopes, skipped
// the next time, forced by prompt=consent; Decline answers access_denied; only the transaction's
// own user in its own browser session may decide.
import { beforeAll, describe, expect, it } from "vitest";
import { authorizeRequest, callbackParams, createApp, interactionState, type App } from "../helpers/hosted-login.ts";
import { api, createUser, db, PASSWORD, tag } from "../helpers/users.ts";

const { loginWithPassword } = await import("../../lib/services/login/login-with-password.ts");
const { loadConsent } = await import("../../lib/services/login/load-consent.ts");
const { decideConsent } = await import("../../lib/services/login/decide-consent.ts");
const { recordConsent } = await import("../../lib/services/login/record-consent.ts");
const { TransactionSessionError, LoginTransactionError } = await import("../../lib/services/login/login-errors.ts");

let thirdParty: App;
let audience: string;

beforeAll(async () => {
  thirdParty = await createApp({ is_first_party: false });
  audience = `https://api.example.com/${tag()}`;
  const r = await api("POST", "/resource-servers", {
    identifier: audience,
    name: "Contacts API",
    scopes: [
      { value: "read:contacts", description: "Read your contacts" },
      { value: "write:contacts", description: "Change your contacts" },
    ],
  });
  expect(r.status).toBe(201);
});

/** Logs a new user in through a fresh transaction; returns the consent state and the session cookie. */
async function loginToConsent(params: Record<string, string> = {}) {
  const user = await createUser();
  const state = interactionState(await authorizeRequest({ client_id: thirdParty.client_id, state: "c-1", ...params }));
  const completed = await loginWithPassword(await db(), { state, identifier: user.email as string, password: PASSWORD });
  return { user, consentState: interactionState(completed.outcome, "/u/consent"), cookie: completed.sessionCookie.value };
}

describe("consent", () => {
  it("shows the application and the scopes in words, with the API's descriptions", async () => {
    const { user, consentState, cookie } = await loginToConsent({ scope: "openid profile email read:contacts unknown:scope", audience });
    const consent = await loadConsent(await db(), { state: consentState, sessionCookie: cookie });
    expect(consent.client.name).toBe(thirdParty.name);
    expect(consent.user.email).toBe(user.email);
    expect(consent.profileScopes.map((s) => s.value)).toEqual(["profile", "email"]);
    expect(consent.profileScopes[0]!.description).toMatch(/name/);
    expect(consent.api).toEqual({ identifier: audience, name: "Contacts API", scopes: [{ value: "read:contacts", description: "Read your contacts" }] });
  });

  it("Accept records the grant and issues the code; the next login skips consent; prompt=consent forces it", async () => {
    const { user, consentState, cookie } = await loginToConsent({ scope: "openid profile read:contacts", audience });
    const accepted = await decideConsent(await db(), { state: consentState, sessionCookie: cookie, decision: "accept" });
    expect(callbackParams(accepted).get("code")).toBeTruthy();
    expect(callbackParams(accepted).get("state")).toBe("c-1");
    const grant = await (await db()).userGrant.findUniqueOrThrow({ where: { user_id_client_id_audience: { user_id: user.user_id as string, client_id: thirdParty.client_id, audience } } });
    expect(grant.scope).toEqual(["openid", "profile", "read:contacts"]);

    // SSO, same scopes: straight to the code.
    const again = await authorizeRequest({ client_id: thirdParty.client_id, scope: "openid profile read:contacts", audience }, cookie);
    expect(callbackParams(again).get("code")).toBeTruthy();
    // More scopes: consent again.
    const more = await authorizeRequest({ client_id: thirdParty.client_id, scope: "openid profile read:contacts write:contacts", audience }, cookie);
    interactionState(more, "/u/consent");
    // prompt=consent: asked even though granted; accepting goes on to the code.
    const forced = interactionState(await authorizeRequest({ client_id: thirdParty.client_id, scope: "openid profile", audience, prompt: "consent" }, cookie), "/u/consent");
    expect(callbackParams(await decideConsent(await db(), { state: forced, sessionCookie: cookie, decision: "accept" })).get("code")).toBeTruthy();
  });

  it("Decline answers access_denied with the application's state, and records nothing", async () => {
    const { user, consentState, cookie } = await loginToConsent();
    const declined = await decideConsent(await db(), { state: consentState, sessionCookie: cookie, decision: "decline" });
    const params = callbackParams(declined);
    expect(params.get("error")).toBe("access_denied");
    expect(params.get("state")).toBe("c-1");
    expect(params.get("code")).toBeNull();
    expect(await (await db()).userGrant.count({ where: { user_id: user.user_id as string } })).toBe(0);
    // The transaction is done: deciding again is refused.
    await expect(decideConsent(await db(), { state: consentState, sessionCookie: cookie, decision: "accept" })).rejects.toBeInstanceOf(LoginTransactionError);
  });

  it("only the transaction's own session may see or decide it", async () => {
    const victim = await loginToConsent();
    const attacker = await loginToConsent();
    for (const sessionCookie of [attacker.cookie, undefined, `${victim.cookie.split(".")[0]}.forged-secret`]) {
      await expect(loadConsent(await db(), { state: victim.consentState, sessionCookie })).rejects.toBeInstanceOf(TransactionSessionError);
      await expect(decideConsent(await db(), { state: victim.consentState, sessionCookie, decision: "accept" })).rejects.toBeInstanceOf(TransactionSessionError);
    }
    // A login transaction that has no user yet is not a consent transaction.
    const fresh = interactionState(await authorizeRequest({ client_id: thirdParty.client_id }));
    await expect(decideConsent(await db(), { state: fresh, sessionCookie: victim.cookie, decision: "accept" })).rejects.toBeInstanceOf(TransactionSessionError);
    expect(await (await db()).userGrant.count({ where: { user_id: victim.user.user_id as string } })).toBe(0);
  });

  it("recordConsent merges scopes and never narrows them", async () => {
    const user = await createUser();
    const input = { userId: user.user_id as string, clientId: thirdParty.client_id, audience: undefined };
    expect(await recordConsent(await db(), { ...input, scopes: ["openid", "profile"] })).toEqual(["openid", "profile"]);
    expect(await recordConsent(await db(), { ...input, scopes: ["openid", "email"] })).toEqual(["openid", "profile", "email"]);
    const grants = await (await db()).userGrant.findMany({ where: { user_id: user.user_id as string } });
    expect(grants.map((g) => g.audience)).toEqual(["https://gatehouse.test/userinfo"]);
  });
});
