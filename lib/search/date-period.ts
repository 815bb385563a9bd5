// Dates in search queries (auth0-management-api.md §4.5, §9.3), shared by the log and user compilers.
// A date may be partial (`2024`, `2024-05`, `2024-05-17`, `2024-05-17T10`, `...T10:30`) or a full
// ISO 8601 timestamp (UTC unless it has an offset). A partial date stands for its whole period, as
// Elasticsearch rounds dates: `x:2024-05` is all of May, `[2024-05 TO ...` starts on May 1,
// `{2024-05 TO ...` after May 31, `... TO 2024-05]` includes all of May, `... TO 2024-05}` ends
// before May 1.
import { join, sql, type Sql } from "../db/sql.ts";
import type { RangeNode } from "./ast.ts";
import { QuerySyntaxError } from "./query-syntax-error.ts";

/** The first and last millisecond a (possibly partial) date stands for. */
export type DatePeriod = { readonly first: Date; readonly last: Date };

const DATE_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/;

/**
 * Storable instants: PostgreSQL has no year 0, and SQLite stores dates as ISO text, which stops
 * sorting correctly past year 9999. Bounds are clamped into this window so both agree.
 */
const MIN_TIME = utc(1, 0, 1, 0, 0, 0, 0);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** Parses `2024`, `2024-05`, `2024-05-17`, `2024-05-17T10`, `...T10:30`, `...T10:30:15.123Z`, `...+02:00`. */
export function parseDatePeriod(value: string): DatePeriod | null {
  const match = DATE_PATTERN.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const ms = fraction === undefined ? 0 : Number(fraction.padEnd(3, "0").slice(0, 3));
  if (year < 1 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(utc(year, month, 0, 0, 0, 0, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  const offset = zoneOffsetMs(zone);
  if (offset === null) return null;

  const start = [year, month - 1, day, hour, minute, second, ms] as const;
  const unit = fraction !== undefined ? 6 : s !== undefined ? 5 : mi !== undefined ? 4 : h !== undefined ? 3 : d !== undefined ? 2 : mo !== undefined ? 1 : 0;
  const next: [number, number, number, number, number, number, number] = [...start];
  next[unit] = start[unit] + 1;
  const first = utc(...start) - offset;
  const end = utc(...next) - offset;
  return { first: new Date(clamp(first)), last: new Date(clamp(end - 1)) };
}

function zoneOffsetMs(zone: string | undefined): number | null {
  if (zone === undefined || zone === "Z" || zone === "z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes) * 60_000;
}

function clamp(time: number): number {
  return Math.min(Math.max(time, MIN_TIME), MAX_TIME);
}

/** The period `value` stands for, or a QuerySyntaxError naming the value and its position. */
export function datePeriodOrThrow(value: string, position: number): DatePeriod {
  const period = parseDatePeriod(value);
  if (period) return period;
  const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  throw new QuerySyntaxError(
    `Invalid date '${shown}' at position ${position}; use YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 timestamp such as "2024-05-17T10:00:00Z"`,
    position,
  );
}

/** `column` within the period of a (possibly partial) date: `created_at:2024-05` is all of May. */
export function dateEquals(column: Sql, value: string, position: number): Sql {
  const period = datePeriodOrThrow(value, position);
  return sql`(${column} >= ${period.first} AND ${column} <= ${period.last})`;
}

/**
 * The comparisons of a date range (open ends left out), or null for `[* TO *]`. Inclusive bounds
 * take in the whole period of a partial date, exclusive bounds leave it out.
 */
export function dateRangeConditions(column: Sql, node: RangeNode): Sql | null {
  const conditions: Sql[] = [];
  const lower = node.lower.value === null ? null : datePeriodOrThrow(node.lower.value, node.position);
  const upper = node.upper.value === null ? null : datePeriodOrThrow(node.upper.value, node.position);
  if (lower) conditions.push(node.lower.inclusive ? sql`${column} >= ${lower.first}` : sql`${column} > ${lower.last}`);
  if (upper) conditions.push(node.upper.inclusive ? sql`${column} <= ${upper.last}` : sql`${column} < ${upper.first}`);
  return conditions.length === 0 ? null : sql`(${join(conditions, " AND ")})`;
}
