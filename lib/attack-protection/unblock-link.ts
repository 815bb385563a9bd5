// The unblock link of the blocked-account email (auth0-authentication.md F.2): a signed value
// naming the block (HMAC under the master key, purpose-bound, expiring), so it cannot be forged or
// pointed at another block. Single use: following it deletes the block, and a block id is never
// reused, so the same link then finds nothing.
import { env } from "../env.ts";
import { signValue, verifySignedValue } from "../security/signed-value.ts";

const PURPOSE = "unblock-account";
/** As long as a password-reset ticket: the user may read the email days later. */
export const UNBLOCK_LINK_TTL_SECONDS = 432_000;

export function unblockLink(blockId: string): string {
  return `${env().issuer}u/unblock?token=${encodeURIComponent(signValue(PURPOSE, blockId, UNBLOCK_LINK_TTL_SECONDS))}`;
}

/** The block id the token names, or null when forged, expired or malformed. */
export function blockIdFromUnblockToken(token: string | undefined): string | null {
  if (!token || token.length > 512) return null;
  return verifySignedValue(PURPOSE, token);
}
