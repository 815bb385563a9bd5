// GET /api/v2/users-by-email (auth0-management-api.md §3.6, §2.6): every user with this email, in
// any connection (a bare array; empty when none). Database connections store emails lower-cased,
// so for them the query is lower-cased too and compared with the indexed `email_lower`; users of
// other connections (social and enterprise, later) keep their email as the provider gave it and
// match it exactly, as Auth0's case-sensitive lookup does. Oldest first.
import type { DbOrTx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { presentUser, USER_PRESENTATION_INCLUDE, type UserRowForPresentation } from "./present-user.ts";
import { foldCase } from "./user-search-columns.ts";

/** One email matches at most one user per connection; this bounds the answer all the same. */
const MAX_USERS = 1000;

export async function listUsersByEmail(db: DbOrTx, email: string, _actor: Actor): Promise<Record<string, unknown>[]> {
  const rows = (await db.user.findMany({
    // Both kinds have email_lower = foldCase(email), so one index range holds every candidate.
    where: { email_lower: foldCase(email), OR: [{ connection: { strategy: "auth0" } }, { email }] },
    include: USER_PRESENTATION_INCLUDE,
    orderBy: [{ created_at: "asc" }, { user_id: "asc" }],
    take: MAX_USERS,
  })) as UserRowForPresentation[];
  return rows.map(presentUser);
}
