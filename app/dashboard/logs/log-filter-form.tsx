// The filters are a plain GET form: they work without JavaScript, the URL can be shared, and the
// browser's back button steps through searches. The values typed stay in the form after a search.
import Link from "next/link";
import { BUTTON_SIZES, BUTTON_VARIANTS } from "@/components/dashboard/ui/button.tsx";
import { SelectField, TextField } from "@/components/dashboard/ui/field.tsx";
import { classNames } from "@/components/ui/class-names.ts";
import type { LogFilters } from "./log-filters.ts";

export function LogFilterForm({ filters, types, clients }: { filters: LogFilters; types: { code: string; label: string }[]; clients: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/dashboard/logs" role="search" aria-label="Filter logs" className="grid grid-cols-1 items-end gap-4 md:grid-cols-3 xl:grid-cols-6">
      <SelectField label="Type" name="type" defaultValue={filters.type ?? ""}>
        <option value="">Any type</option>
        <option value="f*">Any failure (f*)</option>
        <option value="s*">Any success (s*)</option>
        {types.map((t) => (
          <option key={t.code} value={t.code}>
            {t.code}: {t.label}
          </option>
        ))}
      </SelectField>
      <TextField label="User" name="user" defaultValue={filters.user ?? ""} placeholder="email or user id" />
      <SelectField label="Application" name="client" defaultValue={filters.client ?? ""}>
        <option value="">Any application</option>
        {clients.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField label="From" name="from" type="date" defaultValue={filters.from ?? ""} />
      <TextField label="To" name="to" type="date" defaultValue={filters.to ?? ""} />
      <TextField label="Query" name="q" defaultValue={filters.q ?? ""} placeholder='e.g. ip:"10.0.0.1"' hint="Log search syntax." />
      <div className="flex gap-2 md:col-span-3 xl:col-span-6">
        <button type="submit" className={classNames("inline-flex items-center rounded-md font-semibold", BUTTON_SIZES.md, BUTTON_VARIANTS.primary)}>
          Search
        </button>
        <Link href="/dashboard/logs" className={classNames("inline-flex items-center rounded-md font-semibold", BUTTON_SIZES.md, BUTTON_VARIANTS.secondary)}>
          Clear
        </Link>
      </div>
    </form>
  );
}
