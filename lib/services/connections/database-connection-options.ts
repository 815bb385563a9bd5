// Options of a new database connection (strategy `auth0`) when the caller gives none: secure
// defaults a demanding operator would pick, named as Auth0 names them (auth0-authentication.md D.1).
export const DEFAULT_DATABASE_CONNECTION_OPTIONS = {
  passwordPolicy: "good",
  password_complexity_options: { min_length: 8 },
  password_history: { enable: false, size: 5 },
  password_dictionary: { enable: false, dictionary: [] as string[] },
  password_no_personal_info: { enable: false },
  brute_force_protection: true,
  disable_signup: false,
  requires_username: false,
  validation: { username: { min: 1, max: 15 } },
  strategy_version: 2,
};
