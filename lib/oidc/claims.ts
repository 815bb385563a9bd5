// OpenID Connect scopes and the user claims they release (OpenID Connect Core §5.4; Auth0 also
// accepts a scope per claim, e.g. `nickname`, auth0-authentication.md B.3).
export const OIDC_SCOPES = new Set([
  "openid", "profile", "email", "address", "phone", "offline_access",
  "name", "given_name", "family_name", "nickname", "email_verified", "picture", "created_at", "identities",
]);

const PROFILE_CLAIMS = ["name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at"];
const SCOPE_CLAIMS: Record<string, string[]> = {
  profile: PROFILE_CLAIMS,
  email: ["email", "email_verified"],
  phone: ["phone_number", "phone_verified"],
  address: ["address"],
  name: ["name"],
  given_name: ["given_name"],
  family_name: ["family_name"],
  nickname: ["nickname"],
  email_verified: ["email_verified"],
  picture: ["picture"],
  created_at: ["created_at"],
};

export type ClaimSource = {
  user_id: string;
  email: string | null;
  email_verified: boolean;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  nickname: string | null;
  picture: string | null;
  locale: string | null;
  phone_number: string | null;
  phone_verified: boolean;
  username: string | null;
  created_at: Date;
  updated_at: Date;
};

/** The user claims the granted scopes release; only claims the user has (no nulls). */
export function userClaims(user: ClaimSource, scopes: readonly string[]): Record<string, unknown> {
  const wanted = new Set(scopes.flatMap((s) => SCOPE_CLAIMS[s] ?? []));
  const values: Record<string, unknown> = {
    name: user.name,
    given_name: user.given_name,
    family_name: user.family_name,
    nickname: user.nickname,
    preferred_username: user.username,
    picture: user.picture,
    locale: user.locale,
    updated_at: user.updated_at.toISOString(),
    created_at: user.created_at.toISOString(),
    email: user.email,
    email_verified: user.email ? user.email_verified : null,
    phone_number: user.phone_number,
    phone_verified: user.phone_number ? user.phone_verified : null,
  };
  const claims: Record<string, unknown> = {};
  for (const claim of wanted) if (values[claim] !== null && values[claim] !== undefined) claims[claim] = values[claim];
  return claims;
}
