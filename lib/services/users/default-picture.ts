// The picture a user gets when none is given (auth0-management-api.md §2.1, §7.2): an initials
// avatar served by Gatehouse itself (app/avatars/[name]/route.ts), `<issuer>avatars/<initials>.svg`.
//
// Auth0 points at Gravatar with an MD5 of the email in the URL. Gatehouse does not: an unsalted MD5
// of an email is reversible by lookup, so every page that shows the picture would hand the user's
// email and the viewer's IP to a third party, and pictures would depend on an outside service.
import { env } from "../../env.ts";

export type PictureProfile = {
  email?: string | null;
  username?: string | null;
  name?: string | null;
  nickname?: string | null;
  given_name?: string | null;
  family_name?: string | null;
};

/** Lower-case ASCII words of a display string (accents dropped: "Zoë" → "zoe"). */
function words(value: string): string[] {
  const text = value.includes("@") ? value.slice(0, value.indexOf("@")) : value;
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** One or two lower-case letters/digits, or "" when the profile has nothing usable. */
export function initialsOf(profile: PictureProfile): string {
  const given = profile.given_name ? words(profile.given_name) : [];
  const family = profile.family_name ? words(profile.family_name) : [];
  if (given.length > 0 && family.length > 0) return `${given[0]![0]}${family[0]![0]}`;
  for (const source of [profile.name, profile.nickname, profile.email, profile.username]) {
    if (!source) continue;
    const parts = words(source);
    if (parts.length >= 2) return `${parts[0]![0]}${parts.at(-1)![0]}`;
    if (parts.length === 1) return parts[0]!.slice(0, 2);
  }
  return "";
}

export function defaultPictureUrl(profile: PictureProfile, issuer = env().issuer): string {
  return `${issuer}avatars/${initialsOf(profile) || "default"}.svg`;
}
