// The parameters of a users_bulk job (lib/jobs/bulk/run-users-bulk.ts): one action applied to every
// user of a search result (the dashboard's users list: query + filters), as confirmed by an operator.
//
// The snapshot: the job touches the users that matched the search at confirmation AND were created
// no later than `created_before` (the confirmation time). Users created afterwards (sign-ups,
// Management API) are never touched, even when they match. Caveat: an import may write users with a
// created_at from the past (the file's value); those can fall inside the snapshot if they match.
// The keyset checkpoint `after` (the last user_id handled, in user_id order) lives in the params too.
import { z } from "zod";

export const BULK_ACTIONS = ["block", "unblock", "delete", "assign_role", "remove_role"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const usersBulkParamsSchema = z.strictObject({
  action: z.enum(BULK_ACTIONS),
  q: z.string().max(4000).optional(),
  connection: z.string().max(128).optional(),
  role_id: z.string().min(1).max(128).optional(),
  /** ISO time of the confirmation: the snapshot bound. */
  created_before: z.iso.datetime(),
  /** The count shown in the confirmation dialog. */
  expected: z.number().int().min(0),
  operator: z.strictObject({ user_id: z.string(), email: z.string().nullable() }),
  /** Keyset checkpoint: every user with a smaller-or-equal user_id has been handled. */
  after: z.string().optional(),
});

export type UsersBulkParams = z.infer<typeof usersBulkParamsSchema>;

export const BULK_ACTION_LABELS: Record<BulkAction, string> = {
  block: "Block",
  unblock: "Unblock",
  delete: "Delete",
  assign_role: "Assign role",
  remove_role: "Remove role",
};
