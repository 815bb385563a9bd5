// Runs a users_export job (auth0-management-api.md §6): reads the users in pages ordered by
// user_id (keyset pagination: each page starts after the last id, so memory stays flat and no page
// is read twice), presents each like GET /users does (present-user.ts), writes NDJSON or CSV
// through gzip to `<data dir>/jobs/<job id>.<format>.gz`. An export writes no user data, so a
// run that was interrupted simply starts over (the file is rewritten).
//
// Password hashes are written (`password_hash`) only when the job was created with
// include_password_hashes, which the API allows only to callers with read:user_password_hashes,
// and never for the operators of the system connection.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { createGzip } from "node:zlib";
import type { Db } from "../../db/client.ts";
import { presentUser, type UserRowForPresentation } from "../../services/users/present-user.ts";
import { countBulkSnapshot, snapshotMembers, type BulkSnapshot } from "../bulk/users-bulk-query.ts";
import { jobFilePath } from "../job-files.ts";
import { LeaseLostError, type ClaimedJob } from "../job-leases.ts";
import { all, readWithJobSql, toBool, toDate, toJsonValue, toNumber, type SqlDialect } from "../job-sql.ts";
import { compileFields, csvHeader, csvLine, DEFAULT_EXPORT_FIELDS, DEFAULT_JSON_EXTRA_FIELDS, jsonLine, type ExportField } from "./export-fields.ts";

export type UsersExportParams = {
  format: "json" | "csv";
  fields?: ExportField[];
  limit?: number;
  include_password_hashes?: boolean;
  /** Only the users of a search snapshot (the dashboard's "export this result", lib/jobs/bulk/users-bulk-query.ts). */
  filter?: BulkSnapshot;
  /** The operator who started it from the dashboard (shown on the Jobs page). */
  created_by?: string;
};

export const EXPORT_PAGE_SIZE = 1_000;

export function exportFileName(jobId: string, format: "json" | "csv"): string {
  return `${jobId}.${format}.gz`;
}

const USER_COLUMNS = [
  "user_id", "connection_id", "email", "email_verified", "username", "phone_number", "phone_verified", "name", "nickname", "given_name",
  "family_name", "picture", "locale", "user_metadata", "app_metadata", "blocked", "logins_count", "last_login", "last_ip",
  "last_password_reset", "multifactor", "created_at", "updated_at",
];
const TIMESTAMPS = new Set(["last_login", "last_password_reset", "created_at", "updated_at"]);

function selectList(dialect: SqlDialect, alias: string, columns: string[]): string {
  // pg would read `timestamp` columns in the process's time zone; as text they are read as UTC.
  return columns.map((c) => (dialect === "postgres" && TIMESTAMPS.has(c) ? `${alias}."${c}"::text AS "${c}"` : `${alias}."${c}"`)).join(", ");
}

type Page = { users: Record<string, unknown>[]; identities: Record<string, unknown>[] };

function* readPage(dialect: SqlDialect, after: string, size: number, connectionId: string | null, withHashes: boolean) {
  const where = ["u.user_id > ?", ...(connectionId ? ["u.connection_id = ?"] : [])].join(" AND ");
  const hashJoin = withHashes ? " LEFT JOIN user_passwords p ON p.user_id = u.user_id" : "";
  const users = (yield all(
    `SELECT ${selectList(dialect, "u", USER_COLUMNS)}${withHashes ? ", p.hash AS password_hash" : ""} FROM users u${hashJoin} WHERE ${where} ORDER BY u.user_id LIMIT ?`,
    [after, ...(connectionId ? [connectionId] : []), size],
  )) as Record<string, unknown>[];
  let identities: Record<string, unknown>[] = [];
  if (users.length > 0)
    identities = (yield all(
      `SELECT user_id, connection_id, provider, provider_user_id, is_social, profile_data, ${dialect === "postgres" ? "created_at::text AS created_at" : "created_at"} FROM user_identities WHERE user_id IN (${users.map(() => "?").join(", ")})`,
      users.map((u) => u.user_id),
    )) as Record<string, unknown>[];
  return { users, identities } satisfies Page;
}

function profileOf(row: Record<string, unknown>, identities: Record<string, unknown>[], connectionNames: Map<string, string>): Record<string, unknown> {
  const shaped = {
    ...row,
    email_verified: toBool(row.email_verified),
    phone_verified: toBool(row.phone_verified),
    blocked: toBool(row.blocked),
    logins_count: toNumber(row.logins_count),
    user_metadata: toJsonValue(row.user_metadata),
    app_metadata: toJsonValue(row.app_metadata),
    multifactor: toJsonValue(row.multifactor) ?? [],
    last_login: toDate(row.last_login),
    last_password_reset: toDate(row.last_password_reset),
    created_at: toDate(row.created_at)!,
    updated_at: toDate(row.updated_at)!,
    identities: identities.map((identity) => ({
      ...identity,
      is_social: toBool(identity.is_social),
      profile_data: toJsonValue(identity.profile_data),
      created_at: toDate(identity.created_at)!,
      connection: { name: connectionNames.get(String(identity.connection_id)) ?? "" },
    })),
  } as unknown as UserRowForPresentation;
  const profile = presentUser(shaped);
  if (typeof row.password_hash === "string") profile.password_hash = row.password_hash;
  return profile;
}

export async function runUsersExport(db: Db, job: ClaimedJob, context: { owner: string }): Promise<{ fileName: string; written: number }> {
  const params = job.params as UsersExportParams;
  const withHashes = params.include_password_hashes === true;
  const fields = compileFields([
    ...(params.fields ?? [...DEFAULT_EXPORT_FIELDS, ...(params.format === "json" ? DEFAULT_JSON_EXTRA_FIELDS : [])]),
    ...(withHashes ? [{ name: "password_hash" }] : []),
  ]);
  const connections = await db.connection.findMany({ select: { id: true, name: true, is_system: true } });
  const connectionNames = new Map(connections.map((c) => [c.id, c.name]));
  // Operators' password hashes never leave: they are the keys to the tenant (assert-user-manageable.ts).
  const systemConnections = new Set(connections.filter((c) => c.is_system).map((c) => c.id));
  const total = params.filter
    ? await countBulkSnapshot(db, params.filter)
    : await db.user.count({ where: job.connection_id ? { connection_id: job.connection_id } : {} });
  const limit = params.limit ?? Number.POSITIVE_INFINITY;
  const expected = Math.min(total, limit);
  await db.job.updateMany({ where: { id: job.id, lease_owner: context.owner }, data: { work_total: BigInt(expected), checkpoint_records: 0, total: 0 } });

  const fileName = exportFileName(job.id, params.format);
  const file = createWriteStream(jobFilePath(fileName));
  const gzip = createGzip({ level: 6 });
  gzip.pipe(file);
  const closed = once(file, "close");
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, "drain");
  };

  let written = 0;
  try {
    if (params.format === "csv") await write(csvHeader(fields));
    // The next page is read while this one is presented and compressed.
    const read = (after: string, size: number) => readWithJobSql(db, (dialect) => readPage(dialect, after, size, job.connection_id, withHashes));
    let next: Promise<Page> | null = limit > 0 ? read("", Math.min(EXPORT_PAGE_SIZE, limit)) : null;
    let reported = Date.now();
    while (next) {
      const page = await next;
      next = null;
      if (page.users.length === 0) break;
      const size = Math.min(EXPORT_PAGE_SIZE, limit - written);
      const lastUserId = String(page.users[page.users.length - 1]!.user_id);
      const full = page.users.length >= size;
      if (params.filter) {
        const members = await snapshotMembers(db, params.filter, page.users.map((u) => String(u.user_id)));
        page.users = page.users.filter((u) => members.has(String(u.user_id))).slice(0, size);
      }
      written += page.users.length;
      const remaining = limit - written;
      if (full && remaining > 0) {
        next = read(lastUserId, Math.min(EXPORT_PAGE_SIZE, remaining));
        // Awaited at the next turn; not an unhandled rejection meanwhile.
        next.catch(() => {});
      }
      const identitiesByUser = new Map<string, Record<string, unknown>[]>();
      for (const identity of page.identities) {
        const list = identitiesByUser.get(String(identity.user_id));
        if (list) list.push(identity);
        else identitiesByUser.set(String(identity.user_id), [identity]);
      }
      let chunk = "";
      for (const row of page.users) {
        if (systemConnections.has(String(row.connection_id))) delete row.password_hash;
        const profile = profileOf(row, identitiesByUser.get(String(row.user_id)) ?? [], connectionNames);
        chunk += params.format === "csv" ? csvLine(profile, fields) : jsonLine(profile, fields);
      }
      await write(chunk);
      // Progress (and the lease) about once a second.
      if (Date.now() - reported >= 1_000 || !next) {
        reported = Date.now();
        const { count } = await db.job.updateMany({ where: { id: job.id, lease_owner: context.owner, status: "processing" }, data: { checkpoint_records: written, total: written } });
        if (count !== 1) throw new LeaseLostError(`job ${job.id}: the lease was lost`);
      }
    }
    gzip.end();
    await closed;
  } catch (error) {
    gzip.destroy();
    file.destroy();
    throw error;
  }
  return { fileName, written };
}
