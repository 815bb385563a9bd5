// The database connection's password policy (auth0-authentication.md D.1): Auth0's five strength
// levels, the minimum-length override, the custom dictionary and the personal-information rule.
// It applies when a password is set (signup, create, change), never to passwords already stored.
// Password history needs the database and is checked by the service that sets the password.
//
// The dictionary rule checks the connection's own words and, when the caller passes it, the default
// list of common passwords (common-passwords.ts, server-only: too large for a browser bundle).
export const PASSWORD_POLICY_LEVELS = ["none", "low", "fair", "good", "excellent"] as const;
export type PasswordPolicyLevel = (typeof PASSWORD_POLICY_LEVELS)[number];

export type PasswordPolicyOptions = {
  passwordPolicy?: PasswordPolicyLevel | null;
  password_complexity_options?: { min_length?: number } | null;
  password_dictionary?: { enable?: boolean; dictionary?: string[] } | null;
  password_no_personal_info?: { enable?: boolean } | null;
};

export type PersonalInfo = {
  email?: string | null;
  username?: string | null;
  name?: string | null;
  nickname?: string | null;
  user_metadata?: Record<string, unknown> | null;
};

export type PasswordPolicyContext = {
  /** The default dictionary (lower-cased), checked with the connection's words when the dictionary is enabled. */
  commonPasswords?: ReadonlySet<string>;
};

export type PasswordRule = {
  code: "length" | "max_length" | "characters" | "classes" | "identical" | "dictionary" | "personal_info";
  message: string;
  verified: boolean;
};

const LEVEL_MIN_LENGTH: Record<PasswordPolicyLevel, number> = { none: 1, low: 6, fair: 8, good: 8, excellent: 10 };
/** bcrypt reads at most 72 bytes: a longer password would be silently truncated. */
export const MAX_PASSWORD_BYTES = 72;

function characterClasses(password: string) {
  return {
    lower: /[a-z]/.test(password),
    upper: /[A-Z]/.test(password),
    digit: /[0-9]/.test(password),
    special: /[^A-Za-z0-9]/.test(password),
  };
}

/** Every rule of the policy with whether `password` meets it: drives both the check and live feedback. */
export function evaluatePasswordPolicy(
  password: string,
  options: PasswordPolicyOptions,
  personal: PersonalInfo = {},
  context: PasswordPolicyContext = {},
): PasswordRule[] {
  const level = options.passwordPolicy ?? "none";
  const minLength = Math.max(1, options.password_complexity_options?.min_length ?? LEVEL_MIN_LENGTH[level]);
  const rules: PasswordRule[] = [
    { code: "length", message: `At least ${minLength} character${minLength === 1 ? "" : "s"}`, verified: [...password].length >= minLength },
    { code: "max_length", message: `At most ${MAX_PASSWORD_BYTES} bytes`, verified: Buffer.byteLength(password, "utf8") <= MAX_PASSWORD_BYTES },
  ];
  const classes = characterClasses(password);
  if (level === "fair") {
    rules.push({
      code: "characters",
      message: "Lower case letters (a-z), upper case letters (A-Z) and numbers (0-9)",
      verified: classes.lower && classes.upper && classes.digit,
    });
  }
  if (level === "good" || level === "excellent") {
    const count = Object.values(classes).filter(Boolean).length;
    rules.push({
      code: "classes",
      message: "At least 3 of: lower case letters, upper case letters, numbers, special characters (e.g. !@#$%^&*)",
      verified: count >= 3,
    });
  }
  if (level === "excellent") {
    rules.push({ code: "identical", message: "No more than 2 identical characters in a row", verified: !/(.)\1\1/u.test(password) });
  }
  if (options.password_dictionary?.enable) {
    const lower = password.toLowerCase();
    const words = (options.password_dictionary.dictionary ?? []).map((w) => w.toLowerCase());
    const common = context.commonPasswords?.has(lower) ?? false;
    rules.push({ code: "dictionary", message: "Not a common or forbidden password", verified: !common && !words.includes(lower) });
  }
  if (options.password_no_personal_info?.enable) {
    const lower = password.toLowerCase();
    const metadata = personal.user_metadata ?? {};
    const candidates = [
      personal.name, personal.username, personal.nickname,
      personal.email?.split("@")[0], metadata.name, metadata.first, metadata.last,
    ].filter((v): v is string => typeof v === "string" && v.length >= 3);
    rules.push({
      code: "personal_info",
      message: "Does not contain your name, username or email",
      verified: !candidates.some((c) => lower.includes(c.toLowerCase())),
    });
  }
  return rules;
}

export function passwordPolicyFailures(
  password: string,
  options: PasswordPolicyOptions,
  personal: PersonalInfo = {},
  context: PasswordPolicyContext = {},
): PasswordRule[] {
  return evaluatePasswordPolicy(password, options, personal, context).filter((r) => !r.verified);
}
