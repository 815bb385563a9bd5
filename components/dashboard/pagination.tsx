// Previous / next links with "x–y of total". Links, not buttons: every page has a URL.
import Link from "next/link";
import { classNames } from "@/components/ui/class-names.ts";
import { formatCount } from "./format.ts";

const LINK = "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset ring-slate-300 dark:ring-slate-700";

export function Pagination({ page, perPage, shown, total, href, label = "Pages" }: { page: number; perPage: number; shown: number; total: number; href: (page: number) => string; label?: string }) {
  const from = shown === 0 ? 0 : (page - 1) * perPage + 1;
  const to = (page - 1) * perPage + shown;
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-600 dark:text-slate-400" data-testid="pagination-summary">
        {formatCount(from)}–{formatCount(to)} of {formatCount(total)}
        <span className="sr-only">; page {page} of {pages}</span>
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(page - 1)} rel="prev" className={classNames(LINK, "hover:bg-slate-50 dark:hover:bg-slate-800")}>
            ← Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={classNames(LINK, "cursor-not-allowed opacity-50")}>
            ← Previous
          </span>
        )}
        {page < pages ? (
          <Link href={href(page + 1)} rel="next" className={classNames(LINK, "hover:bg-slate-50 dark:hover:bg-slate-800")}>
            Next →
          </Link>
        ) : (
          <span aria-disabled="true" className={classNames(LINK, "cursor-not-allowed opacity-50")}>
            Next →
          </span>
        )}
      </div>
    </nav>
  );
}
