// Each /authorize check (lib/oidc/authorize/checks/*, in the order of AUTHORIZE_CHECKS), one case
// per way it fails, asserting the exact `error` and `error_description`, and where the error goes:
// the hosted error page until the client and redirect_uri are trusted, the validated redirect_uri
// (with `state` and the response mode) after.
import { beforeAll, describe, expect, it } from "vitest";
import { clearConfigCacheForTests } from "../../lib/cache/config-cache.ts";
import { AuthorizeError } from "../../lib/oidc/authorize/authorize-error.ts";
import { AUTHORIZE_CHECKS, validateAuthorizeRequest } from "../../lib/oidc/authorize/validate-authorize-request.ts";
import { CALLBACK, createApp, type App } from "../helpers/hosted-login.ts";
import { api, createConnection, db } from "../helpers/users.ts";

const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
let web: App;
let spa: App;
let noCode: App;
let noConnections: App;
let disabledConnection: string;

beforeAll(async () => {
  web = await createApp({ name: "Checks Web" });
  spa = await createApp({ name: "Checks SPA", app_type: "spa", token_endpoint_auth_method: "none" });
  noCode = await createApp({ name: "Checks M2M", app_type: "non_interactive", grant_types: ["client_credentials"] });
  noConnections = await createApp({ name: "Checks Lonely" });
  // New applications get every database connection; this one gets none.
  const database = await db();
  await database.connectionClient.deleteMany({ where: { client_id: noConnections.client_id } });
  disabledConnection = (await createConnection()).name;
  await database.connectionClient.deleteMany({ where: { client_id: web.client_id, connection: { name: disabledConnection } } });
  clearConfigCacheForTests();
  expect((await api("POST", "/resource-servers", { identifier: "https://checks.example/api", name: "Checks API" })).status).toBe(201);
});

type Expected = { error: string; description: string; page?: boolean; state?: string; mode?: "query" | "form_post" };

async function rejection(params: Record<string, string>): Promise<AuthorizeError> {
  try {
    await validateAuthorizeRequest(await db(), params);
  } catch (error) {
    if (error instanceof AuthorizeError) return error;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(params)}`);
}

function base(app: App, extra: Record<string, string> = {}): Record<string, string> {
  return { client_id: app.client_id, redirect_uri: CALLBACK, response_type: "code", scope: "openid", state: "st-1", ...extra };
}

async function expectRejected(params: Record<string, string>, expected: Expected) {
  const error = await rejection(params);
  expect({ error: error.error, description: error.description }).toEqual({ error: expected.error, description: expected.description });
  if (expected.page) expect(error.redirect).toBeUndefined();
  else expect(error.redirect).toEqual({ redirect_uri: CALLBACK, state: expected.state ?? "st-1", response_mode: expected.mode ?? "query" });
}

describe("the /authorize checks", () => {
  it("run in a fixed order: client and redirect_uri first", () => {
    expect(AUTHORIZE_CHECKS.map((c) => c.name)).toEqual([
      "check-client",
      "check-redirect-uri",
      "check-response-mode",
      "check-response-type",
      "check-pkce",
      "check-scope",
      "check-prompt",
      "check-audience",
      "check-connection",
    ]);
  });

  describe("check-client (error page)", () => {
    it("missing client_id", () => expectRejected({ redirect_uri: CALLBACK }, { error: "invalid_request", description: "Missing required parameter: client_id", page: true }));
    it("unknown client", () =>
      expectRejected({ client_id: "no-such-client", redirect_uri: CALLBACK }, { error: "invalid_request", description: "Unknown client: the application does not exist.", page: true }));
  });

  describe("check-redirect-uri (error page)", () => {
    it("missing", () => expectRejected({ client_id: web.client_id }, { error: "invalid_request", description: "Missing required parameter: redirect_uri", page: true }));
    it("with a fragment", () =>
      expectRejected(base(web, { redirect_uri: `${CALLBACK}#x` }), { error: "invalid_request", description: "The redirect_uri must not contain a fragment.", page: true }));
    it.each([`${CALLBACK}/more`, "https://evil.example/callback", CALLBACK.toUpperCase(), `${CALLBACK}?extra=1`])("not an allowed callback: %s", (uri) =>
      expectRejected(base(web, { redirect_uri: uri }), {
        error: "invalid_request",
        description: `Callback URL mismatch. ${uri} is not in the list of allowed callback URLs of the application ${web.name}.`,
        page: true,
      }));
  });

  describe("check-response-mode (to the callback)", () => {
    it("unsupported", () =>
      expectRejected(base(web, { response_mode: "fragment" }), { error: "invalid_request", description: "Unsupported response_mode: fragment. Use query or form_post." }));
    it("form_post is kept for the errors that follow", () =>
      expectRejected(base(web, { response_mode: "form_post", response_type: "token" }), {
        error: "unsupported_response_type",
        description: "Unsupported response_type: token",
        mode: "form_post",
      }));
  });

  describe("check-response-type", () => {
    it("missing", () => expectRejected(base(web, { response_type: "" }), { error: "invalid_request", description: "Missing required parameter: response_type" }));
    it.each(["token", "id_token", "code id_token"])("unsupported: %s", (type) =>
      expectRejected(base(web, { response_type: type }), { error: "unsupported_response_type", description: `Unsupported response_type: ${type}` }));
    it("an application without the authorization_code grant", async () => {
      const api2 = await api("PATCH", `/clients/${noCode.client_id}`, { callbacks: [CALLBACK] });
      expect(api2.status).toBe(200);
      clearConfigCacheForTests();
      await expectRejected(base(noCode), { error: "unauthorized_client", description: "Grant type 'authorization_code' not allowed for the client." });
    });
  });

  describe("check-pkce", () => {
    it("public clients must send a challenge", () =>
      expectRejected(base(spa), { error: "invalid_request", description: "code_challenge is required for public clients (PKCE, S256)." }));
    it("a method without a challenge", () =>
      expectRejected(base(web, { code_challenge_method: "S256" }), { error: "invalid_request", description: "code_challenge_method was sent without code_challenge." }));
    it.each<Record<string, string>>([{}, { code_challenge_method: "plain" }])("only S256 (%o)", (method) =>
      expectRejected(base(spa, { code_challenge: CHALLENGE, ...method }), { error: "invalid_request", description: "Unsupported code_challenge_method: only S256 is accepted." }));
    it.each(["short", `${"a".repeat(129)}`, `${"a".repeat(42)}+`])("a malformed challenge: %s", (challenge) =>
      expectRejected(base(spa, { code_challenge: challenge, code_challenge_method: "S256" }), {
        error: "invalid_request",
        description: "code_challenge must be 43-128 characters of [A-Za-z0-9-._~].",
      }));
  });

  describe("check-scope", () => {
    it("too long", () => expectRejected(base(web, { scope: "a".repeat(4097) }), { error: "invalid_scope", description: "The scope parameter is too long." }));
    it("a scope token with a forbidden character", () =>
      expectRejected(base(web, { scope: 'openid bad"scope' }), { error: "invalid_scope", description: 'Invalid scope: bad"scope' }));
  });

  describe("check-prompt", () => {
    it("unknown prompt", () => expectRejected(base(web, { prompt: "select_account" }), { error: "invalid_request", description: "Unsupported prompt value: select_account" }));
    it("none with another value", () =>
      expectRejected(base(web, { prompt: "none login" }), { error: "invalid_request", description: "prompt=none cannot be combined with other values." }));
    it.each(["-1", "1.5", "soon"])("max_age %s", (maxAge) =>
      expectRejected(base(web, { max_age: maxAge }), { error: "invalid_request", description: "max_age must be a non-negative integer." }));
    it("screen_hint", () => expectRejected(base(web, { screen_hint: "reset" }), { error: "invalid_request", description: "screen_hint must be signup or login." }));
    it.each([
      ["nonce", 512],
      ["login_hint", 320],
      ["ui_locales", 128],
    ] as const)("%s too long", (name, max) =>
      expectRejected(base(web, { [name]: "x".repeat(max + 1) }), { error: "invalid_request", description: `${name} is too long (at most ${max} characters).` }));
    it("state too long: the error still carries it back", () =>
      expectRejected(base(web, { state: "s".repeat(2049) }), { error: "invalid_request", description: "state is too long (at most 2048 characters).", state: "s".repeat(2049) }));
  });

  describe("check-audience", () => {
    it("an unknown API", () =>
      expectRejected(base(web, { audience: "https://nowhere.example/api" }), { error: "access_denied", description: "Service not found: https://nowhere.example/api" }));
    it("a known API passes", async () => {
      const { request } = await validateAuthorizeRequest(await db(), base(web, { audience: "https://checks.example/api" }));
      expect(request.audience).toBe("https://checks.example/api");
    });
  });

  describe("check-connection", () => {
    it("a connection that does not exist", () =>
      expectRejected(base(web, { connection: "no-such-connection" }), { error: "invalid_request", description: "the connection was not found" }));
    it("a connection not enabled for the application", () =>
      expectRejected(base(web, { connection: disabledConnection }), { error: "invalid_request", description: "the connection was disabled" }));
    it("an application with no connection at all", () =>
      expectRejected(base(noConnections), { error: "invalid_request", description: "no connections enabled for the client" }));
  });

  it("a request that passes every check is normalized", async () => {
    const { request, connections } = await validateAuthorizeRequest(
      await db(),
      base(spa, { code_challenge: CHALLENGE, code_challenge_method: "S256", scope: "openid  profile openid", prompt: "login", max_age: "0", nonce: "n", response_mode: "form_post" }),
    );
    expect(request).toMatchObject({ response_type: "code", response_mode: "form_post", scope: ["openid", "profile"], prompt: ["login"], max_age: 0, nonce: "n", code_challenge_method: "S256", state: "st-1" });
    expect(connections.map((c) => c.name)).toContain("Username-Password-Authentication");
  });
});
