// Bulk actions on a search result (the dashboard's users list): previewBulkAction counts the users
// a job would touch (shown in the confirmation dialog, with the snapshot time it was counted at);
// createUsersBulkJob records a pending users_bulk job bound to that snapshot (users created after
// the confirmation are never touched: lib/jobs/bulk/users-bulk-params.ts), run by the job runner.
// A users export of a search result reuses the users_export job with the search as its filter.
import type { Db } from "../../db/client.ts";
import { newJobId } from "../../crypto/ids.ts";
import { countBulkSnapshot } from "../../jobs/bulk/users-bulk-query.ts";
import { BULK_ACTIONS, type BulkAction, type UsersBulkParams } from "../../jobs/bulk/users-bulk-params.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { assertRolesAssignable } from "../users/assert-user-manageable.ts";

export type BulkRequest = { action: BulkAction; q?: string; connection?: string; role_id?: string };

function operatorOf(actor: Actor): { user_id: string; email: string | null } {
  if (actor.kind !== "operator") throw invalid("Bulk actions are started by an operator in the dashboard.", "operation_not_supported");
  return { user_id: actor.userId, email: actor.email };
}

/** The snapshot time and the exact count of users it holds. */
export async function previewBulkAction(db: Db, request: Pick<BulkRequest, "q" | "connection">, now = new Date()): Promise<{ count: number; created_before: string }> {
  const created_before = now.toISOString();
  return { count: await countBulkSnapshot(db, { q: request.q, connection: request.connection, created_before }), created_before };
}

export async function createUsersBulkJob(
  db: Db,
  request: BulkRequest & { created_before: string; expected: number },
  actor: Actor,
): Promise<{ id: string }> {
  const operator = operatorOf(actor);
  if (!(BULK_ACTIONS as readonly string[]).includes(request.action)) throw invalid("Unknown bulk action.", "invalid_body");
  if (request.action === "assign_role" || request.action === "remove_role") {
    if (!request.role_id) throw invalid("Choose a role.", "invalid_body");
    const role = await db.role.findUnique({ where: { id: request.role_id }, select: { id: true } });
    if (!role) throw invalid("The role does not exist.", "invalid_body");
    await assertRolesAssignable(db, [request.role_id]);
  }
  const snapshot = new Date(request.created_before);
  if (Number.isNaN(snapshot.getTime()) || snapshot.getTime() > Date.now() + 60_000) throw invalid("Invalid snapshot time.", "invalid_body");
  const params: UsersBulkParams = {
    action: request.action,
    ...(request.q ? { q: request.q } : {}),
    ...(request.connection ? { connection: request.connection } : {}),
    ...(request.role_id && (request.action === "assign_role" || request.action === "remove_role") ? { role_id: request.role_id } : {}),
    created_before: snapshot.toISOString(),
    expected: request.expected,
    operator,
  };
  const job = await db.job.create({ data: { id: newJobId(), type: "users_bulk", status: "pending", params, work_total: BigInt(request.expected) } });
  return { id: job.id };
}
