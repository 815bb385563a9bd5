// The logs page's filters (type, user, application, date range, free query) turned into one query
// in the log search syntax (lib/search, compile-log-query.ts), so the page and GET /api/v2/logs?q=
// search the same way.
export type LogFilters = { type?: string; user?: string; client?: string; from?: string; to?: string; q?: string };

const quote = (value: string) => `"${value.replace(/["\\]/g, "\\$&")}"`;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function readLogFilters(search: Record<string, string | string[] | undefined>): LogFilters {
  const one = (key: string) => {
    const value = search[key];
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    return text ? text.slice(0, 512) : undefined;
  };
  return { type: one("type"), user: one("user"), client: one("client"), from: one("from"), to: one("to"), q: one("q") };
}

export function logFiltersQuery(filters: LogFilters): { q?: string; error?: string } {
  const parts: string[] = [];
  if (filters.type) parts.push(filters.type.endsWith("*") ? `type:${filters.type.replace(/[^A-Za-z0-9_*]/g, "")}` : `type:${quote(filters.type)}`);
  // A user id has a provider prefix (`auth0|…`); anything else is matched against the user's name/email.
  if (filters.user) parts.push(filters.user.includes("|") ? `user_id:${quote(filters.user)}` : `user_name:${quote(filters.user.includes("@") ? filters.user.toLowerCase() : filters.user)}`);
  if (filters.client) parts.push(`client_id:${quote(filters.client)}`);
  if (filters.from && !DAY.test(filters.from)) return { error: "The start date must be a date (YYYY-MM-DD)." };
  if (filters.to && !DAY.test(filters.to)) return { error: "The end date must be a date (YYYY-MM-DD)." };
  if (filters.from && filters.to && filters.from > filters.to) return { error: "The start date is after the end date." };
  if (filters.from || filters.to) parts.push(`date:[${filters.from ?? "*"} TO ${filters.to ?? "*"}]`);
  if (filters.q) parts.push(`(${filters.q})`);
  return parts.length ? { q: parts.join(" AND ") } : {};
}
