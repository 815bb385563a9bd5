// Paging envelopes and field projection, as Auth0's Management API shapes them
// (auth0-management-api.md §1.4-1.5; SDK behaviour in the notes of ARCHITECTURE.md):
// - offset lists: `page`/`per_page`; `include_totals=true` wraps the items as
//   { start, limit, total, <key> } (+ `length` for logs and users); otherwise a bare array.
// - checkpoint lists: `from`/`take`; { <key>, next } while more remain.
import { z } from "zod";
import { invalidQuery } from "./errors.ts";
import { queryBoolean, queryCsv, queryInteger } from "./validation.ts";

export const offsetQuery = {
  page: queryInteger(0, 1_000_000_000).optional(),
  per_page: queryInteger(1, 100).optional(),
  include_totals: queryBoolean.optional(),
};

export const checkpointQuery = {
  from: z.string().max(512).optional(),
  take: queryInteger(1, 100).optional(),
};

export const projectionQuery = {
  fields: queryCsv.optional(),
  include_fields: queryBoolean.optional(),
};

export function offsetWindow(query: { page?: number; per_page?: number }, defaultPerPage = 50) {
  const perPage = query.per_page ?? defaultPerPage;
  const page = query.page ?? 0;
  return { skip: page * perPage, take: perPage, page, perPage };
}

export function offsetEnvelope<T>(
  key: string,
  items: T[],
  window: { skip: number; perPage: number },
  total: number | undefined,
  options: { includeTotals?: boolean; withLength?: boolean } = {},
): unknown {
  if (!options.includeTotals) return items;
  return {
    start: window.skip,
    limit: window.perPage,
    ...(options.withLength ? { length: items.length } : {}),
    total: total ?? items.length,
    [key]: items,
  };
}

/** An opaque checkpoint cursor: the last key of the previous page. */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ k: lastKey }), "utf8").toString("base64url");
}

export function decodeCursor(from: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(from, "base64url").toString("utf8")) as { k?: unknown };
    if (typeof parsed.k === "string") return parsed.k;
  } catch {
    // fall through
  }
  throw invalidQuery("Query validation error: 'Invalid checkpoint' on property from.");
}

/** Checkpoint page: fetch take+1 rows to know whether another page exists. */
export function checkpointEnvelope<T>(key: string, rows: T[], take: number, keyOf: (row: T) => string): Record<string, unknown> {
  const items = rows.slice(0, take);
  const more = rows.length > take;
  return { [key]: items, ...(more && items.length ? { next: encodeCursor(keyOf(items[items.length - 1]!)) } : {}) };
}

/** `fields` + `include_fields` (default true): keep, or drop, the listed top-level fields. */
export function project<T extends Record<string, unknown>>(item: T, fields: string[] | undefined, includeFields = true): Partial<T> {
  if (!fields || fields.length === 0) return item;
  const wanted = new Set(fields);
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(item)) {
    if (wanted.has(key) === includeFields) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** How a list request pages: checkpoint when `from` or `take` is given, else offset. */
export type ListPage = {
  checkpoint: boolean;
  /** Offset mode: rows to skip. */
  skip: number | undefined;
  /** Checkpoint mode: the key after which to continue. */
  after: string | undefined;
  /** Page size. */
  take: number;
  /** Rows to fetch: one more than the page in checkpoint mode, to know whether a next page exists. */
  fetch: number;
  window: { skip: number; perPage: number };
  withTotal: boolean;
};

export function listPage(
  query: { page?: number; per_page?: number; include_totals?: boolean; from?: string; take?: number },
  options: { defaultPerPage?: number; defaultTake?: number; checkpointOnly?: boolean } = {},
): ListPage {
  const checkpoint = options.checkpointOnly === true || query.from !== undefined || query.take !== undefined;
  const window = offsetWindow(query, options.defaultPerPage ?? 50);
  const take = checkpoint ? (query.take ?? options.defaultTake ?? 50) : window.take;
  return {
    checkpoint,
    skip: checkpoint ? undefined : window.skip,
    after: query.from ? decodeCursor(query.from) : undefined,
    take,
    fetch: checkpoint ? take + 1 : take,
    window,
    withTotal: !checkpoint && query.include_totals === true,
  };
}

/**
 * The list response for `page`: `{ <key>, next? }` in checkpoint mode, the offset envelope or a bare
 * array otherwise. Items are projected here (`fields`/`include_fields`); the checkpoint cursor comes
 * from the rows, so a projection that leaves the id out does not break paging.
 */
export function listBody<R>(
  key: string,
  page: ListPage,
  rows: R[],
  items: Record<string, unknown>[],
  keyOf: (row: R) => string,
  total: number | undefined,
  query: { fields?: string[]; include_fields?: boolean; include_totals?: boolean },
  options: { withLength?: boolean } = {},
): unknown {
  const projected = items.slice(0, page.take).map((item) => project(item, query.fields, query.include_fields));
  if (page.checkpoint) return { ...checkpointEnvelope(key, rows, page.take, keyOf), [key]: projected };
  return offsetEnvelope(key, projected, page.window, total, { includeTotals: query.include_totals, withLength: options.withLength });
}
