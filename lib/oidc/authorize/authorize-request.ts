// The /authorize request as the checks build it up, and as a login transaction stores it.
export type Prompt = "none" | "login" | "consent";

export type AuthorizeRequest = {
  client_id: string;
  redirect_uri: string;
  response_type: "code";
  response_mode: "query" | "form_post";
  /** Requested scopes, deduplicated, in request order. */
  scope: string[];
  state?: string;
  nonce?: string;
  /** The API the access token is for (the request's audience, or the tenant's default_audience). */
  audience?: string;
  connection?: string;
  prompt: Prompt[];
  max_age?: number;
  login_hint?: string;
  screen_hint?: "signup" | "login";
  code_challenge?: string;
  code_challenge_method?: "S256";
  ui_locales?: string;
};

/** The client as /authorize needs it. */
export type AuthorizeClient = {
  client_id: string;
  name: string;
  app_type: string | null;
  is_first_party: boolean;
  callbacks: string[];
  grant_types: string[];
  token_endpoint_auth_method: string;
  logo_uri: string | null;
};
