// The users list's bulk-actions bar (server part): the list's search as a query string, the roles
// an operator may assign in bulk (not Gatehouse's system roles) and the CSRF token, for the client bar.
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { usersListHref, type UsersListState } from "@/lib/dashboard/users/users-list-query.ts";
import { BulkActionsBar } from "./bulk-actions-bar.tsx";

export async function BulkActions({ state, total }: { state: UsersListState; total: number }) {
  const db = await ready();
  const roles = await db.role.findMany({ where: { is_system: false }, orderBy: { name: "asc" }, take: 500, select: { id: true, name: true } });
  const listQuery = usersListHref(state, { page: 1 }).split("?")[1] ?? "";
  return <BulkActionsBar csrfToken={await dashboardCsrfToken()} listQuery={listQuery} total={total} roles={roles} />;
}
