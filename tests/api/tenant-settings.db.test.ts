import { describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { managementToken } from "../helpers/tokens.ts";

async function api(method: string, path: string, json?: unknown) {
  const response = await call(method, `/api/v2${path}`, { token: await managementToken(), json });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

describe("/api/v2/tenants/settings", () => {
  it("reads the defaults", async () => {
    const r = await api("GET", "/tenants/settings");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ friendly_name: "Gatehouse", session_lifetime: 168, idle_session_lifetime: 72, flags: { enable_client_connections: true } });
  });

  it("patches, merging flags and keeping Auth0-only settings", async () => {
    const r = await api("PATCH", "/tenants/settings", {
      friendly_name: "Acme Identity",
      support_email: "help@acme.example",
      idle_session_lifetime_in_minutes: 90,
      flags: { enable_public_signup_user_exists_error: true },
      device_flow: { charset: "base20", mask: "****-****" },
      error_page: { url: "https://acme.example/error", show_log_link: false },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      friendly_name: "Acme Identity",
      support_email: "help@acme.example",
      idle_session_lifetime: 1.5,
      flags: { enable_client_connections: true, enable_public_signup_user_exists_error: true },
      device_flow: { charset: "base20", mask: "****-****" },
      error_page: { url: "https://acme.example/error" },
    });
    const cleared = await api("PATCH", "/tenants/settings", { error_page: null });
    expect(cleared.body).not.toHaveProperty("error_page");
    expect((await api("GET", "/tenants/settings?fields=friendly_name")).body).toEqual({ friendly_name: "Acme Identity" });
  });

  it.each([
    [{ support_email: "not-an-email" }],
    [{ flags: { launch_missiles: true } }],
    [{ session_lifetime: 0 }],
    [{ idle_session_lifetime: 500, session_lifetime: 100 }],
    [{ default_directory: "no-such-connection" }],
    [{ colour: "red" }],
  ])("rejects %j with 400", async (body) => {
    const r = await api("PATCH", "/tenants/settings", body);
    expect(r.status).toBe(400);
    expect(r.body.statusCode).toBe(400);
  });
});
