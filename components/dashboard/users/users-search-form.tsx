// The users list's search box and filters: a GET form, so the URL is the state (shareable, back
// button, works without JavaScript). The help is a <details>, open by keyboard too.
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField, TextField } from "@/components/dashboard/ui/field.tsx";
import { PER_PAGE_CHOICES, type UsersListState } from "@/lib/dashboard/users/users-list-query.ts";

export function UsersSearchForm({ state, connections, error }: { state: UsersListState; connections: string[]; error?: string }) {
  return (
    <form method="get" action="/dashboard/users" role="search" aria-label="Users" className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 md:flex-row md:items-end">
        <TextField
          name="q"
          type="search"
          label="Search"
          defaultValue={state.q}
          placeholder="Email, name or username — or a query like email.domain:example.com"
          autoComplete="off"
          spellCheck={false}
          error={error}
          describedBy="search-help-summary"
          className="flex-1"
        />
        <DashboardButton type="submit" className="md:mb-0">
          Search
        </DashboardButton>
      </div>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <SelectField name="connection" label="Connection" defaultValue={state.connection}>
          <option value="">All connections</option>
          {connections.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField name="blocked" label="Blocked" defaultValue={state.blocked}>
          <option value="any">Any</option>
          <option value="yes">Blocked</option>
          <option value="no">Not blocked</option>
        </SelectField>
        <SelectField name="verified" label="Email verified" defaultValue={state.verified}>
          <option value="any">Any</option>
          <option value="yes">Verified</option>
          <option value="no">Not verified</option>
        </SelectField>
        <SelectField name="per_page" label="Per page" defaultValue={String(state.perPage)}>
          {PER_PAGE_CHOICES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
      </div>
      {state.sort && <input type="hidden" name="sort" value={`${state.sort.field}:${state.sort.direction}`} />}
      <details className="rounded-md border border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
        <summary id="search-help-summary" className="cursor-pointer font-medium text-slate-700 dark:text-slate-300">
          Search help: plain text or the query syntax
        </summary>
        <div className="mt-2 flex flex-col gap-2 text-slate-700 dark:text-slate-300">
          <p>
            Plain text finds users whose email, name or username contains it (from 3 characters; shorter text matches the start), or
            whose user ID is exactly it. Text with a <code>field:</code>, quotes, parentheses, <code>*</code> or{" "}
            <code>AND</code>/<code>OR</code>/<code>NOT</code> is read as a query in Auth0’s v3 syntax:
          </p>
          <ul className="grid grid-cols-1 gap-1 font-mono text-xs sm:grid-cols-2">
            <li>email:&quot;jane@example.com&quot;</li>
            <li>email.domain:example.com</li>
            <li>name:jan*</li>
            <li>name:*smith*</li>
            <li>logins_count:[10 TO *]</li>
            <li>created_at:[2024-01-01 TO 2024-06-30]</li>
            <li>last_login:&lt;2024-01-01</li>
            <li>identities.connection:&quot;Username-Password-Authentication&quot;</li>
            <li>user_metadata.plan:&quot;pro&quot;</li>
            <li>app_metadata.roles:admin</li>
            <li>_exists_:app_metadata.team</li>
            <li>email_verified:false AND NOT blocked:true</li>
          </ul>
          <p>Values match whole (use * for part of one); metadata text is case-sensitive, other fields are not.</p>
        </div>
      </details>
    </form>
  );
}
