// Management API tokens for tests, obtained the way a real caller does: client credentials at
// /oauth/token with the bootstrap client (every Management API scope).
import { TEST_BOOTSTRAP_CLIENT_ID, TEST_BOOTSTRAP_CLIENT_SECRET, TEST_ISSUER } from "../setup/test-env.ts";
import { call } from "./app.ts";

export const MANAGEMENT_AUDIENCE = `${TEST_ISSUER}api/v2/`;

export async function managementToken(scope?: string): Promise<string> {
  const response = await call("POST", "/oauth/token", {
    form: {
      grant_type: "client_credentials",
      client_id: TEST_BOOTSTRAP_CLIENT_ID,
      client_secret: TEST_BOOTSTRAP_CLIENT_SECRET,
      audience: MANAGEMENT_AUDIENCE,
      ...(scope ? { scope } : {}),
    },
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}
