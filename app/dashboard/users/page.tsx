// /dashboard/users: search, filter, sort and page through users (lib/services/users/search-users.ts,
// the same search as GET /api/v2/users). The URL is the state: see lib/dashboard/users/users-list-query.ts.
import type { Metadata } from "next";
import Link from "next/link";
import { BulkActions } from "@/components/dashboard/bulk/bulk-actions.tsx";
import { Pagination } from "@/components/dashboard/pagination.tsx";
import { BUTTON_SIZES, BUTTON_VARIANTS } from "@/components/dashboard/ui/button.tsx";
import { EmptyState, PageHeader } from "@/components/dashboard/ui/layout-parts.tsx";
import { UsersSearchForm } from "@/components/dashboard/users/users-search-form.tsx";
import { UsersTable } from "@/components/dashboard/users/users-table.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { classNames } from "@/components/ui/class-names.ts";
import { ready } from "@/lib/boot/ready.ts";
import { operatorActor, requireOperator } from "@/lib/dashboard/require-operator.ts";
import { asPresentedUser, type PresentedUser } from "@/lib/dashboard/users/presented-user.ts";
import { parseUsersListState, searchPlan, usersListHref } from "@/lib/dashboard/users/users-list-query.ts";
import { listConnections } from "@/lib/services/connections/list-connections.ts";
import { AppError } from "@/lib/services/errors.ts";
import { searchUsers } from "@/lib/services/users/search-users.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: Props) {
  const state = parseUsersListState(await searchParams);
  const operator = await requireOperator(usersListHref(state, { page: state.page }));
  const actor = operatorActor(operator);
  const db = await ready();
  const plan = searchPlan(state);

  const connections = (await listConnections(db, { skip: 0, take: 100 }, actor)).connections.map((c) => String(c.name)).sort();
  let users: PresentedUser[] = [];
  let total = 0;
  let error: string | undefined;
  try {
    const result = await searchUsers(
      db,
      { q: plan.q, connection: plan.connection, sort: plan.sort, page: { mode: "offset", skip: (state.page - 1) * state.perPage, take: state.perPage }, withTotal: true },
      actor,
    );
    users = result.users.map(asPresentedUser);
    total = result.total ?? users.length;
  } catch (caught) {
    if (!(caught instanceof AppError) || caught.status >= 500) throw caught;
    error = caught.message.replace(/^Query validation error: /, "");
  }
  const filtered = plan.q !== undefined || plan.connection !== undefined;

  return (
    <>
      <PageHeader
        title="Users"
        description="Every account on this instance. Search by text or with the query syntax; filters narrow the result."
        actions={
          <Link href="/dashboard/users/new" className={classNames("inline-flex items-center rounded-md font-semibold", BUTTON_SIZES.md, BUTTON_VARIANTS.primary)}>
            Create user
          </Link>
        }
      />
      <div className="flex flex-col gap-5">
        <UsersSearchForm state={state} connections={connections} error={error ? `This query cannot be run: ${error}` : undefined} />
        {error ? (
          <Alert tone="error" title="The search query has a mistake">
            {error}
          </Alert>
        ) : users.length === 0 ? (
          filtered ? (
            <EmptyState title="No users match" action={<Link href="/dashboard/users" className="text-sm font-medium text-brand-700 underline dark:text-brand-100">Clear the search and filters</Link>}>
              Nothing matches {plan.mode === "text" ? <>“{state.q}”</> : "this search"}
              {state.page > 1 ? " on this page" : ""}. Check the spelling, or try the query syntax (see Search help).
            </EmptyState>
          ) : (
            <EmptyState title="No users yet" action={<Link href="/dashboard/users/new" className="text-sm font-medium text-brand-700 underline dark:text-brand-100">Create the first user</Link>}>
              Users appear here when they sign up, are imported, or are created by an operator or through the Management API.
            </EmptyState>
          )
        ) : (
          <>
            <BulkActions state={state} total={total} />
            <UsersTable users={users} state={state} />
            <Pagination page={state.page} perPage={state.perPage} shown={users.length} total={total} href={(page) => usersListHref(state, { page })} label="Users pages" />
          </>
        )}
      </div>
    </>
  );
}
