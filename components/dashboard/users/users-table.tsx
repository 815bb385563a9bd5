// The users list's table: sortable column headers (links carrying aria-sort), one row per user,
// the name linking to the user's page. Every value is rendered as text (React escapes it).
import Link from "next/link";
import { formatCount, formatDateTime } from "@/components/dashboard/format.ts";
import { Badge } from "@/components/dashboard/ui/layout-parts.tsx";
import { userHref, type PresentedUser } from "@/lib/dashboard/users/presented-user.ts";
import { usersListHref, type SortableColumn, type UsersListState } from "@/lib/dashboard/users/users-list-query.ts";
import { UserAvatar } from "./user-avatar.tsx";

const COLUMNS: { field: SortableColumn | null; label: string; className?: string }[] = [
  { field: "email", label: "User" },
  { field: null, label: "Connection", className: "hidden lg:table-cell" },
  { field: "logins_count", label: "Logins", className: "hidden xl:table-cell text-right" },
  { field: "last_login", label: "Last login", className: "hidden xl:table-cell" },
  { field: "created_at", label: "Created", className: "hidden sm:table-cell" },
  { field: null, label: "Status" },
];

function SortHeader({ state, field, label }: { state: UsersListState; field: SortableColumn; label: string }) {
  const current = state.sort?.field === field ? state.sort.direction : null;
  // First click: ascending for text, newest/most first for dates and counts.
  const firstDirection = field === "email" || field === "name" ? "asc" : "desc";
  const next = current === null ? firstDirection : current === "asc" ? "desc" : "asc";
  return (
    <Link href={usersListHref(state, { sort: { field, direction: next }, page: 1 })} className="inline-flex items-center gap-1 rounded hover:underline">
      {label}
      <span aria-hidden="true" className="text-xs text-slate-400">
        {current === "asc" ? "▲" : current === "desc" ? "▼" : "↕"}
      </span>
      <span className="sr-only">{current ? `, sorted ${current === "asc" ? "ascending" : "descending"}; ` : "; "}sort {next === "asc" ? "ascending" : "descending"}</span>
    </Link>
  );
}

export function UsersTable({ users, state }: { users: PresentedUser[]; state: UsersListState }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm" data-testid="users-table">
        <caption className="sr-only">Users</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:border-slate-800 dark:bg-slate-950 dark:text-slate-400">
          <tr>
            {COLUMNS.map((column) => (
              <th
                key={column.label}
                scope="col"
                className={`px-4 py-3 ${column.className ?? ""}`}
                aria-sort={column.field && state.sort?.field === column.field ? (state.sort.direction === "asc" ? "ascending" : "descending") : undefined}
              >
                {column.field ? <SortHeader state={state} field={column.field} label={column.label} /> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {users.map((user) => (
            <tr key={user.user_id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50" data-testid="user-row" data-user-id={user.user_id}>
              <td className="px-4 py-3">
                <div className="flex max-w-[28rem] min-w-0 items-center gap-3">
                  <UserAvatar picture={user.picture} />
                  <div className="flex min-w-0 flex-col">
                    <Link href={userHref(user.user_id)} className="truncate font-medium text-slate-900 hover:underline dark:text-white">
                      {user.name || user.email || user.username || user.user_id}
                    </Link>
                    <span className="truncate text-xs text-slate-600 dark:text-slate-400">{user.email ?? user.username ?? user.user_id}</span>
                  </div>
                </div>
              </td>
              <td className="hidden px-4 py-3 text-slate-700 lg:table-cell dark:text-slate-300">{user.identities[0]?.connection ?? "—"}</td>
              <td className="hidden px-4 py-3 text-right tabular-nums xl:table-cell">{formatCount(user.logins_count)}</td>
              <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 xl:table-cell dark:text-slate-300">{user.last_login ? formatDateTime(user.last_login) : "Never"}</td>
              <td className="hidden px-4 py-3 whitespace-nowrap text-slate-700 sm:table-cell dark:text-slate-300">{formatDateTime(user.created_at)}</td>
              <td className="px-4 py-3">
                <div className="flex flex-wrap gap-1">
                  {user.blocked && <Badge tone="danger">Blocked</Badge>}
                  {user.email !== undefined && (user.email_verified ? <Badge tone="success">Verified</Badge> : <Badge tone="warning">Unverified</Badge>)}
                  {user.breached_password && <Badge tone="danger">Breached password</Badge>}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
