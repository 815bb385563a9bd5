// What a one-time setup link (/setup?token=...) can do right now. The page shows the form only for
// "ready"; "invalid" covers unknown, expired and used tokens alike, so the answer tells a guesser
// nothing about which tokens exist. Read-only: completeSetup re-checks everything in its transaction.
import type { DbOrTx } from "../../db/client.ts";
import { sha256Hex } from "../../crypto/random.ts";
import type { PasswordPolicyOptions } from "../../passwords/password-policy.ts";
import { pickPasswordPolicy } from "../../schemas/setup.ts";
import { findOperatorCount, OPERATORS_CONNECTION } from "./create-operator.ts";

export type SetupLinkStatus =
  | { status: "ready"; expiresAt: Date; passwordPolicy: PasswordPolicyOptions }
  | { status: "invalid" }
  | { status: "operator_exists" };

/** A setup token: base64url, 43 characters for 32 bytes; a little slack for older formats. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

export async function findSetupLink(db: DbOrTx, token: string | undefined | null, now = new Date()): Promise<SetupLinkStatus> {
  if (!token || !TOKEN_SHAPE.test(token)) return { status: "invalid" };
  const ticket = await db.ticket.findUnique({ where: { token_hash: sha256Hex(token) } });
  if (!ticket || ticket.kind !== "setup" || ticket.consumed_at !== null || ticket.expires_at <= now) return { status: "invalid" };
  if ((await findOperatorCount(db)) > 0) return { status: "operator_exists" };
  const connection = await db.connection.findUnique({ where: { name: OPERATORS_CONNECTION }, select: { options: true } });
  return { status: "ready", expiresAt: ticket.expires_at, passwordPolicy: pickPasswordPolicy(connection?.options) };
}
