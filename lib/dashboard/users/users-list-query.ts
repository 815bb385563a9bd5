// The users list's URL state (/dashboard/users?q=&connection=&blocked=&verified=&sort=&page=&per_page=)
// and how it becomes a search (lib/services/users/search-users.ts).
//
// The search box takes plain text or the v3 query language (auth0-management-api.md §4). Text that
// uses the language's syntax (a `field:` prefix, quotes, parentheses, wildcards, AND/OR/NOT,
// `_exists_`) is a query as written; anything else is plain text, searched as a substring of the
// email, name and username (a prefix when shorter than 3 characters: leading wildcards need 3) or
// as the exact user_id. The filters are ANDed to it.
import type { UserSort, UserSortField } from "../../services/users/search-users.ts";

export const PER_PAGE_CHOICES = [25, 50, 100] as const;
export const SORTABLE_COLUMNS = ["email", "name", "created_at", "last_login", "logins_count"] as const satisfies readonly UserSortField[];
export type SortableColumn = (typeof SORTABLE_COLUMNS)[number];
export type TriState = "any" | "yes" | "no";

export type UsersListState = {
  q: string;
  connection: string;
  blocked: TriState;
  verified: TriState;
  sort: { field: SortableColumn; direction: "asc" | "desc" } | null;
  page: number;
  perPage: number;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";
const triState = (value: string): TriState => (value === "yes" || value === "no" ? value : "any");

export function parseUsersListState(params: Record<string, string | string[] | undefined>): UsersListState {
  const sortText = first(params.sort);
  const match = /^([a-z_]+):(asc|desc)$/.exec(sortText);
  const sort = match && (SORTABLE_COLUMNS as readonly string[]).includes(match[1]!) ? { field: match[1] as SortableColumn, direction: match[2] as "asc" | "desc" } : null;
  const page = Math.max(1, Math.min(100_000, Number.parseInt(first(params.page), 10) || 1));
  const perPageNumber = Number.parseInt(first(params.per_page), 10);
  const perPage = (PER_PAGE_CHOICES as readonly number[]).includes(perPageNumber) ? perPageNumber : 25;
  return {
    q: first(params.q).slice(0, 2000),
    connection: first(params.connection).slice(0, 128),
    blocked: triState(first(params.blocked)),
    verified: triState(first(params.verified)),
    sort,
    page,
    perPage,
  };
}

/** The list URL for a state, with `changes` applied (page reset to 1 unless given). */
export function usersListHref(state: UsersListState, changes: Partial<UsersListState> = {}): string {
  const next = { ...state, page: 1, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.connection) params.set("connection", next.connection);
  if (next.blocked !== "any") params.set("blocked", next.blocked);
  if (next.verified !== "any") params.set("verified", next.verified);
  if (next.sort) params.set("sort", `${next.sort.field}:${next.sort.direction}`);
  if (next.page > 1) params.set("page", String(next.page));
  if (next.perPage !== 25) params.set("per_page", String(next.perPage));
  const query = params.toString();
  return `/dashboard/users${query ? `?${query}` : ""}`;
}

/** Whether the text uses the query language's syntax (else it is plain text). */
export function looksLikeQuery(text: string): boolean {
  return /[:"()*[\]{}]/.test(text) || /(^|\s)(AND|OR|NOT)(\s|$)/.test(text) || /(^|\s)[+-]\S/.test(text) || /&&|\|\|/.test(text);
}

/** Backslash-escapes everything but letters and digits (the lexer reads `\x` as a literal x). */
function escapeTerm(text: string): string {
  return [...text].map((c) => (/[\p{L}\p{N}]/u.test(c) ? c : `\\${c}`)).join("");
}

const phrase = (text: string) => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** Plain text as a query over email, name, username (substring) and user_id (exact). */
export function plainTextQuery(text: string): string {
  const term = escapeTerm(text.trim());
  const pattern = [...text.trim()].length >= 3 ? `*${term}*` : `${term}*`;
  return `email:${pattern} OR name:${pattern} OR username:${pattern} OR user_id:${phrase(text.trim())}`;
}

export type SearchPlan = { q: string | undefined; connection: string | undefined; sort: UserSort | undefined; mode: "all" | "text" | "query" };

export function searchPlan(state: UsersListState): SearchPlan {
  const text = state.q.trim();
  const parts: string[] = [];
  let mode: SearchPlan["mode"] = "all";
  if (text) {
    mode = looksLikeQuery(text) ? "query" : "text";
    parts.push(`(${mode === "query" ? text : plainTextQuery(text)})`);
  }
  if (state.blocked === "yes") parts.push("blocked:true");
  if (state.blocked === "no") parts.push("NOT blocked:true");
  if (state.verified === "yes") parts.push("email_verified:true");
  if (state.verified === "no") parts.push("NOT email_verified:true");
  return {
    q: parts.length ? parts.join(" AND ") : undefined,
    connection: state.connection || undefined,
    sort: state.sort ? { field: state.sort.field, direction: state.sort.direction } : undefined,
    mode,
  };
}
