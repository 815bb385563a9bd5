// The Auth0-shaped user (lib/services/users/present-user.ts) as the dashboard reads it.
export type PresentedIdentity = { connection: string; provider: string; user_id: string; isSocial: boolean; profileData?: Record<string, unknown> };

export type PresentedUser = {
  user_id: string;
  email?: string;
  email_verified?: boolean;
  username?: string;
  phone_number?: string;
  phone_verified?: boolean;
  name?: string;
  nickname?: string;
  given_name?: string;
  family_name?: string;
  picture?: string;
  locale?: string;
  created_at: string;
  updated_at: string;
  identities: PresentedIdentity[];
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  last_ip?: string;
  last_login?: string;
  last_password_reset?: string;
  logins_count: number;
  blocked?: boolean;
  breached_password?: { detected_at: string; blocked: boolean };
};

export const asPresentedUser = (user: Record<string, unknown>) => user as unknown as PresentedUser;

/** The dashboard path of a user's page (user_ids hold `|`). */
export const userHref = (userId: string, tab?: string) => `/dashboard/users/${encodeURIComponent(userId)}${tab ? `?tab=${tab}` : ""}`;

/** Next.js hands dynamic segments over still percent-encoded in some versions: decode once, safely. */
export function decodeUserIdParam(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
