// What the consent page shows (auth0-authentication.md §C.8): the application (name, logo), who is
// signed in, and the requested scopes — the OpenID Connect ones in plain words, the API's with
// the descriptions the API defines (consentScopes), grouped under the API's name.
import type { Db } from "../../db/client.ts";
import { consentScopes } from "../../oidc/authorize/authorize.ts";
import type { LoginTransaction } from "../../oidc/authorize/login-transactions.ts";
import type { SessionRow } from "../../oidc/sessions/sessions.ts";
import { findTransactionSession } from "./find-transaction-session.ts";
import { LoginTransactionError } from "./login-errors.ts";

/** Plain-language descriptions of the OpenID Connect scopes a consent screen can list. */
const PROFILE_SCOPE_DESCRIPTIONS: Record<string, string> = {
  profile: "Your profile: name, nickname and picture",
  email: "Your email address and whether it is verified",
  address: "Your postal address",
  phone: "Your phone number",
  offline_access: "Keep access to your data while you are not using the application",
  name: "Your name",
  given_name: "Your first name",
  family_name: "Your last name",
  nickname: "Your nickname",
  email_verified: "Whether your email address is verified",
  picture: "Your profile picture",
  created_at: "When your account was created",
  identities: "The accounts linked to your profile",
};

export type ConsentScope = { value: string; description: string };

export type ConsentContext = {
  transaction: LoginTransaction;
  session: SessionRow;
  client: { client_id: string; name: string; logo_uri: string | null };
  user: { email: string | null; name: string | null };
  /** Scopes about the user's own profile (OpenID Connect). */
  profileScopes: ConsentScope[];
  /** The API's scopes, under its name; null when the request names no API. */
  api: { identifier: string; name: string; scopes: ConsentScope[] } | null;
};

export async function loadConsent(db: Db, input: { state: string | undefined; sessionCookie: string | undefined }): Promise<ConsentContext> {
  const { transaction, session } = await findTransactionSession(db, input.state, input.sessionCookie);
  const { request } = transaction;
  const client = await db.client.findUnique({ where: { client_id: transaction.client_id }, select: { client_id: true, name: true, logo_uri: true } });
  if (!client) throw new LoginTransactionError();
  const user = await db.user.findUnique({ where: { user_id: session.user_id }, select: { email: true, name: true } });
  const scopes = await consentScopes(db, request);
  const profileScopes: ConsentScope[] = [];
  const apiScopes: ConsentScope[] = [];
  for (const scope of scopes) {
    const profile = PROFILE_SCOPE_DESCRIPTIONS[scope.value];
    if (profile) profileScopes.push({ value: scope.value, description: profile });
    else apiScopes.push(scope);
  }
  const apiRow = request.audience ? await db.resourceServer.findUnique({ where: { identifier: request.audience }, select: { identifier: true, name: true } }) : null;
  return {
    transaction,
    session,
    client,
    user: { email: user?.email ?? null, name: user?.name ?? null },
    profileScopes,
    api: apiRow ? { ...apiRow, scopes: apiScopes } : null,
  };
}
