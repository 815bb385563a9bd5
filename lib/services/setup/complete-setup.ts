// Completes the first-operator setup from a one-time setup link (printed at start while no
// operator exists; lib/boot/bootstrap.ts). Framework-free: the /setup server action calls it after
// its CSRF check.
//
// Contract:
//   - the token must name a `setup` ticket that is neither consumed nor expired, and no operator may
//     exist; otherwise AppError invalid/`invalid_setup_link` or conflict/`operator_exists`;
//   - the password must meet the operators' connection policy (AppError invalid/
//     `password_strength_error`, from prepareOperator);
//   - single use under any race: in ONE transaction, the ticket is consumed by a conditional update
//     that must change exactly one row, the operator count is re-checked under the bootstrap lock,
//     and the operator is inserted. Two concurrent completions: exactly one succeeds.
import type { Db } from "../../db/client.ts";
import { lockForBootstrap } from "../../db/locks.ts";
import { sha256Hex } from "../../crypto/random.ts";
import { writeLogEvent } from "../../logs/write-log-event.ts";
import { conflict, invalid } from "../errors.ts";
import { findSetupLink } from "./find-setup-link.ts";
import { findOperatorCount, insertOperator, prepareOperator } from "./create-operator.ts";

export type CompleteSetupInput = { token: string; email: string; password: string };
export type CompleteSetupResult = { user_id: string; email: string };

const invalidSetupLink = () => invalid("This setup link is invalid, expired or already used.", "invalid_setup_link");
const operatorExists = () => conflict("An operator already exists.", "operator_exists");

export async function completeSetup(db: Db, input: CompleteSetupInput): Promise<CompleteSetupResult> {
  // Cheap checks first, so a bad or stale link never costs a bcrypt hash.
  const link = await findSetupLink(db, input.token);
  if (link.status === "invalid") throw invalidSetupLink();
  if (link.status === "operator_exists") throw operatorExists();

  // Validates the email and the password policy, and hashes: slow, so outside the transaction.
  const prepared = await prepareOperator(db, { email: input.email, password: input.password });

  const user = await db.$transaction(
    async (tx) => {
      const now = new Date();
      const consumed = await tx.ticket.updateMany({
        where: { token_hash: sha256Hex(input.token), kind: "setup", consumed_at: null, expires_at: { gt: now } },
        data: { consumed_at: now, user_id: prepared.userId },
      });
      if (consumed.count !== 1) throw invalidSetupLink();
      // Two different live links (one per start without an operator) must not make two operators.
      await lockForBootstrap(tx);
      if ((await findOperatorCount(tx)) > 0) throw operatorExists();
      return insertOperator(tx, prepared);
    },
    { timeout: 15_000 },
  );

  await writeLogEvent(db, {
    type: "sapi",
    description: "Create the first operator (setup link)",
    user_id: user.user_id,
    user_name: user.email,
    connection: prepared.connection.name,
    connection_id: prepared.connection.id,
    details: { actor: "setup_link" },
  });
  return { user_id: user.user_id, email: user.email ?? prepared.data.email ?? input.email };
}
