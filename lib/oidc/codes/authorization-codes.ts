// Authorization codes (RFC 6749 §4.1.2, §10.5): 256 random bits, stored as SHA-256, valid for
// CODE_TTL_MS, redeemed once by an atomic conditional update. A second redemption is a replay: the
// tokens issued from the first are revoked (§4.1.2: "SHOULD revoke").
import type { DbOrTx } from "../../db/client.ts";
import { toJson } from "../../db/json.ts";
import { randomToken, sha256Hex } from "../../crypto/random.ts";
import type { Grant } from "../tokens/issue-token-set.ts";

export const CODE_TTL_MS = 60_000;

export type CodeGrant = Grant & { code_challenge?: string; code_challenge_method?: "S256" };

export async function issueAuthorizationCode(
  db: DbOrTx,
  input: { clientId: string; userId: string; sessionId?: string; redirectUri: string; grant: CodeGrant },
): Promise<string> {
  const code = randomToken(32);
  await db.authorizationCode.create({
    data: {
      code_hash: sha256Hex(code),
      client_id: input.clientId,
      user_id: input.userId,
      session_id: input.sessionId ?? null,
      redirect_uri: input.redirectUri,
      grant: toJson(input.grant),
      expires_at: new Date(Date.now() + CODE_TTL_MS),
    },
  });
  return code;
}

export type RedeemedCode =
  | { kind: "ok"; clientId: string; userId: string; sessionId: string | null; redirectUri: string; grant: CodeGrant; codeHash: string }
  | { kind: "unknown" }
  | { kind: "expired" }
  | { kind: "wrong_client" }
  | { kind: "replayed"; tokenFamily: string | null };

/** Redeems `code` for `clientId`. A code presented by another client is refused and left unused. */
export async function redeemAuthorizationCode(db: DbOrTx, code: string, clientId: string): Promise<RedeemedCode> {
  const codeHash = sha256Hex(code);
  const row = await db.authorizationCode.findUnique({ where: { code_hash: codeHash } });
  if (!row) return { kind: "unknown" };
  if (row.client_id !== clientId) return { kind: "wrong_client" };
  if (row.consumed_at) return { kind: "replayed", tokenFamily: row.token_family };
  if (row.expires_at.getTime() <= Date.now()) return { kind: "expired" };
  const { count } = await db.authorizationCode.updateMany({ where: { code_hash: codeHash, consumed_at: null }, data: { consumed_at: new Date() } });
  if (count !== 1) {
    const again = await db.authorizationCode.findUnique({ where: { code_hash: codeHash }, select: { token_family: true } });
    return { kind: "replayed", tokenFamily: again?.token_family ?? null };
  }
  return { kind: "ok", clientId: row.client_id, userId: row.user_id, sessionId: row.session_id, redirectUri: row.redirect_uri, grant: row.grant as CodeGrant, codeHash };
}

export async function recordCodeTokenFamily(db: DbOrTx, codeHash: string, familyId: string): Promise<void> {
  await db.authorizationCode.update({ where: { code_hash: codeHash }, data: { token_family: familyId } });
}
