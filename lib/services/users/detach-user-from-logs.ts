// When a user is deleted, their log events stay (they are the tenant's audit trail) but stop
// carrying the person's data (GDPR art. 17 erasure, art. 5(1)(c) minimisation):
//
// - events of the user (`user_id` = the user: logins, password changes, tickets...): `user_name`,
//   `ip` and `user_agent` are cleared — the IP and browser there are the person's own;
// - Management API events that mention the user (sapi/fapi/mgmt_api_read whose details contain the
//   user id, plain or percent-encoded as in request paths, or the email): the caller's IP and user
//   agent stay (they belong to the API client, not to the person);
// - in both, `description` and `details` are scrubbed: strings that contain the email, username or
//   phone number, or equal a name, become "[redacted]", and profile-bearing properties
//   (user_metadata, app_metadata, profileData, picture, last_ip) are replaced whole.
//
// `user_id` is kept, as Auth0 keeps it: it is a random identifier that identifies no one once the
// profile is gone, and without it the trail could no longer tell which events were one account's.
//
// Runs outside the deletion's transaction: finding the API events that mention the user reads every
// Management API event in range (no index can answer "details contain"), which must not hold the
// user's transaction — on SQLite, every other write — for that long. It reads them in pages, from
// the user's creation on when delete-user.ts can bound it (`mentionsSince`). delete-user.ts runs it in full before
// deleting (a failure leaves the user in place, so the DELETE can be retried) and once more, for
// the events written meanwhile only (`since`), after. It is idempotent.
import type { DbOrTx } from "../../db/client.ts";
import { JsonColumnNull, toJson } from "../../db/json.ts";
import { join, raw, sql } from "../../db/sql.ts";
import { env } from "../../env.ts";

export type PersonalData = {
  userId: string;
  email: string | null | undefined;
  /** Username, phone number (and the email): strings containing them are redacted. */
  identifiers: (string | null | undefined)[];
  /** Names: strings equal to them (ignoring case) are redacted. */
  names: (string | null | undefined)[];
};

const REDACTED = "[redacted]";
const PROFILE_KEYS = new Set(["user_metadata", "app_metadata", "profileData", "picture", "last_ip"]);
const API_EVENT_TYPES = ["sapi", "fapi", "mgmt_api_read"];
const BATCH = 200;
/** API events read per page when looking for mentions. */
const SCAN_PAGE = 2_000;

type Matcher = (text: string) => boolean;

function matcherFor(people: PersonalData[]): Matcher {
  const contains: string[] = [];
  const equals = new Set<string>();
  for (const person of people) {
    for (const value of [person.email, ...person.identifiers]) {
      if (!value) continue;
      // A short identifier (a 1-character username) would redact unrelated text: match it exactly.
      if (value.length >= 5) contains.push(value.toLowerCase());
      else equals.add(value.toLowerCase());
    }
    for (const value of person.names) if (value) equals.add(value.toLowerCase());
  }
  return (text) => {
    const lower = text.toLowerCase();
    return equals.has(lower) || contains.some((needle) => lower.includes(needle));
  };
}

/** A scrubbed copy, or the same value when nothing in it is personal. */
function scrub(value: unknown, personal: Matcher, depth = 0): unknown {
  if (typeof value === "string") return personal(value) ? REDACTED : value;
  if (value === null || typeof value !== "object" || depth > 64) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => scrub(item, personal, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let changed = false;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, child]): [string, unknown] => {
    const next = PROFILE_KEYS.has(key) ? REDACTED : scrub(child, personal, depth + 1);
    if (next !== child) changed = true;
    return [key, next];
  });
  return changed ? Object.fromEntries(entries) : value;
}

/** LIKE pattern for a substring, `\` as the escape character. */
function containsPattern(needle: string): string {
  return `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function scrubEvents(db: DbOrTx, logIds: string[], personal: Matcher): Promise<void> {
  for (let i = 0; i < logIds.length; i += BATCH) {
    const rows = await db.logEvent.findMany({
      where: { log_id: { in: logIds.slice(i, i + BATCH) } },
      select: { log_id: true, description: true, details: true },
    });
    for (const row of rows) {
      const details = scrub(row.details, personal);
      const description = row.description === null ? null : (scrub(row.description, personal) as string);
      if (details === row.details && description === row.description) continue;
      await db.logEvent.update({
        where: { log_id: row.log_id },
        data: { description, details: details === null ? JsonColumnNull : toJson(details) },
      });
    }
  }
}

/**
 * `since`: only events from then on (the second pass). `mentionsSince`: a lower bound for the scan
 * of API events only (the users' own events are found by the user_id index whatever their age);
 * the scan reads every API event from that date on, served by the (type, date) index, so a bound
 * makes deleting a young account cheap however long the tenant's trail is.
 */
export async function detachUserFromLogs(db: DbOrTx, people: PersonalData[], options: { since?: Date; mentionsSince?: Date } = {}): Promise<void> {
  if (people.length === 0) return;
  const personal = matcherFor(people);
  const recent = options.since ? { date: { gte: options.since } } : {};

  // The users' own events, page by page (a long-lived account can have many).
  for (const person of people) {
    await db.logEvent.updateMany({ where: { user_id: person.userId, ...recent }, data: { user_name: null, ip: null, user_agent: null } });
    let after = "";
    for (;;) {
      const page = await db.logEvent.findMany({
        where: { user_id: person.userId, log_id: { gt: after }, ...recent },
        orderBy: { log_id: "asc" },
        take: BATCH,
        select: { log_id: true },
      });
      if (page.length === 0) break;
      await scrubEvents(db, page.map((row) => row.log_id), personal);
      after = page.at(-1)!.log_id;
    }
  }

  // Management API events that mention them. Needles are matched in the details' JSON text, so
  // they are JSON-escaped first (an id with a quote appears as \" there).
  const needles = people.flatMap((person) => [person.userId, encodeURIComponent(person.userId), person.email]).filter(
    (n): n is string => typeof n === "string" && n.length >= 3,
  );
  // Each page's details are lower-cased once, in a subquery the planner may not flatten (OFFSET 0),
  // then matched against every needle: PostgreSQL would otherwise convert the jsonb per needle.
  const postgres = env().databaseKind === "postgres";
  const text = raw(postgres ? `lower("details"::text)` : `lower("details")`);
  const keepSubquery = raw(postgres ? "OFFSET 0" : "LIMIT -1 OFFSET 0");
  const conditions = [...new Set(needles)].map((needle) => sql`"t" LIKE ${containsPattern(JSON.stringify(needle).slice(1, -1))} ESCAPE '\\'`);
  const from = [options.since, options.mentionsSince].filter((d): d is Date => d !== undefined).sort((a, b) => b.getTime() - a.getTime())[0];
  // Page by page in date order per type (the (type, date) index), testing each page's details by
  // primary key: no single statement reads the whole trail, so on SQLite (synchronous) other
  // requests are served between pages instead of waiting for one long scan.
  for (const type of API_EVENT_TYPES) {
    let cursor = from;
    let seenAtCursor = new Set<string>();
    for (;;) {
      const take = SCAN_PAGE + seenAtCursor.size;
      const page = await db.logEvent.findMany({
        where: { type, ...(cursor ? { date: { gte: cursor } } : {}) },
        orderBy: { date: "asc" },
        take,
        select: { log_id: true, date: true },
      });
      const ids = page.filter((row) => !seenAtCursor.has(row.log_id)).map((row) => row.log_id);
      if (ids.length === 0) break;
      const hits = await db.$queryRaw<{ log_id: string }[]>(
        sql`SELECT "log_id" FROM (SELECT "log_id", ${text} AS "t" FROM "log_events" WHERE "log_id" IN (${join(ids)}) AND "details" IS NOT NULL ${keepSubquery}) AS "page" WHERE ${join(conditions, " OR ")}`,
      );
      await scrubEvents(db, hits.map((row) => row.log_id), personal);
      if (page.length < take) break;
      // Events sharing the last page's last date may continue on the next page: skip the ones seen.
      const last = page.at(-1)!.date;
      const atLast = page.filter((row) => row.date.getTime() === last.getTime()).map((row) => row.log_id);
      seenAtCursor = new Set(cursor?.getTime() === last.getTime() ? [...seenAtCursor, ...atLast] : atLast);
      cursor = last;
    }
  }
}
