// Seeds N realistic users straight into a migrated, bootstrapped Gatehouse database, for
// bench/search.mjs. Writing a million users through the service would take hours (bcrypt, one
// transaction each); this writes the same rows in bulk:
//   users (+ search columns and search_key), user_identities, user_metadata_values
// Search columns and metadata leaves come from the application's own code (user-search-columns.ts,
// metadata-index.ts, imported through tsx), so the rows are exactly what the services would write.
//
// Bulk loading drops the secondary indexes of those tables (and, on SQLite, the users_trigram
// triggers), loads, then recreates them from their saved definitions: building an index once is far
// faster than maintaining it through a million random inserts. Then ANALYZE (PostgreSQL: VACUUM
// ANALYZE, so index-only scans see an all-visible table).
//
// Every random choice comes from @faker-js/faker seeded with `seed`: the same seed and count give
// the same users on both databases.
import { faker } from "@faker-js/faker";
import Database from "better-sqlite3";
import pg from "pg";
import { tsImport } from "tsx/esm/api";

const { flattenMetadata } = await tsImport("../lib/services/users/metadata-index.ts", import.meta.url);
const { searchColumnsFor } = await tsImport("../lib/services/users/user-search-columns.ts", import.meta.url);

const BATCH = 5_000;
const FREE_MAIL = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "proton.me"];
const LANGUAGES = ["en", "fr", "de", "es", "pt", "it", "ja", "nl", "pl", "sv"];
const THEMES = ["light", "dark", "system"];
const PLANS = [["free", 70], ["pro", 25], ["enterprise", 5]];
const START = Date.parse("2018-01-01T00:00:00Z");
const END = Date.parse("2025-06-30T00:00:00Z");

/** The connections users belong to: share of users, provider, social or not. */
export const SEED_CONNECTIONS = [
  { name: "Username-Password-Authentication", share: 0.8, provider: "auth0", social: false, strategy: "auth0" },
  { name: "google-oauth2", share: 0.12, provider: "google-oauth2", social: true, strategy: "google-oauth2" },
  { name: "github", share: 0.05, provider: "github", social: true, strategy: "github" },
  { name: "acme-saml", share: 0.03, provider: "samlp", social: false, strategy: "samlp" },
];

/** Value pools shared by the generator and the benchmark's queries (fixed by the seed). */
export function seedPools(seed) {
  faker.seed(seed);
  const unique = (make, n) => [...new Set(Array.from({ length: n * 2 }, make))].slice(0, n);
  return {
    cities: unique(() => faker.location.city(), 400),
    countries: unique(() => faker.location.countryCode(), 60),
    companyDomains: unique(() => faker.internet.domainName().toLowerCase(), 3000),
  };
}

const slug = (text) => text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]/g, "");

function weighted(pairs) {
  let roll = faker.number.int({ min: 1, max: pairs.reduce((sum, [, weight]) => sum + weight, 0) });
  for (const [value, weight] of pairs) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return pairs[0][0];
}

/** Yields batches of generated users; deterministic for (seed, count). */
export function* generateUsers(seed, count, connectionIds) {
  const pools = seedPools(seed);
  faker.seed(seed + 1);
  const searchKeys = new Set();
  let batch = [];
  for (let i = 0; i < count; i++) {
    const roll = faker.number.float({ min: 0, max: 1 });
    let cumulative = 0;
    const connection = SEED_CONNECTIONS.find((c) => (cumulative += c.share) >= roll) ?? SEED_CONNECTIONS[0];
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const domain = faker.number.float({ min: 0, max: 1 }) < 0.6 ? faker.helpers.arrayElement(FREE_MAIL) : faker.helpers.arrayElement(pools.companyDomains);
    const local = `${slug(first)}.${slug(last)}.${i.toString(36)}`;
    const email = faker.number.float({ min: 0, max: 1 }) < 0.02 ? `${first}.${last}.${i.toString(36)}@${domain}`.replace(/\s/g, "") : `${local}@${domain}`;
    const providerUserId =
      connection.provider === "auth0"
        ? faker.string.hexadecimal({ length: 24, casing: "lower", prefix: "" })
        : connection.provider === "samlp"
          ? `${connection.name}|${local}`
          : connection.provider === "github"
            ? String(10_000_000 + i) // unique by construction: 8 random digits would collide at this scale
            : faker.string.numeric(21);
    const logins = faker.number.float({ min: 0, max: 1 }) < 0.12 ? 0 : Math.floor(Math.exp(faker.number.float({ min: 0, max: 6.5 })));
    const createdAt = faker.number.int({ min: START, max: END });
    const lastLogin = logins > 0 ? faker.number.int({ min: createdAt, max: END + 86_400_000 }) : null;
    const userMetadata = {
      preferences: {
        language: faker.helpers.arrayElement(LANGUAGES),
        theme: faker.helpers.arrayElement(THEMES),
        fontSize: faker.number.int({ min: 10, max: 24 }),
      },
      addresses: Array.from({ length: faker.number.int({ min: 0, max: 2 }) }, () => ({
        city: faker.helpers.arrayElement(pools.cities),
        country: faker.helpers.arrayElement(pools.countries),
      })),
    };
    if (faker.number.float({ min: 0, max: 1 }) < 0.3) userMetadata.favorite_color = faker.color.human();
    if (faker.number.float({ min: 0, max: 1 }) < 0.1) userMetadata.company = faker.company.name();
    if (faker.number.float({ min: 0, max: 1 }) < 0.05) userMetadata.referral = { code: faker.string.alphanumeric(8) };
    const appMetadata = {
      plan: weighted(PLANS),
      org: { id: `org_${faker.number.int({ min: 1, max: 5000 })}`, seats: faker.number.int({ min: 1, max: 500 }) },
    };
    if (faker.number.float({ min: 0, max: 1 }) < 0.2) appMetadata.beta = faker.datatype.boolean();
    let searchKey;
    do searchKey = faker.number.int({ min: 1, max: 2 ** 52 - 1 });
    while (searchKeys.has(searchKey));
    searchKeys.add(searchKey);
    const profile = { email, name: `${first} ${last}`, given_name: first, family_name: last, nickname: local };
    const hasPhone = faker.number.float({ min: 0, max: 1 }) < 0.15;
    batch.push({
      user_id: `${connection.provider}|${providerUserId}`,
      connection_id: connectionIds[connection.name],
      ...profile,
      ...searchColumnsFor(profile),
      email_verified: connection.social || faker.number.float({ min: 0, max: 1 }) < 0.75,
      username: null,
      phone_number: hasPhone ? `+1${faker.string.numeric(10)}` : null,
      phone_verified: hasPhone && faker.datatype.boolean(),
      user_metadata: userMetadata,
      app_metadata: appMetadata,
      blocked: faker.number.float({ min: 0, max: 1 }) < 0.01,
      logins_count: logins,
      last_login: lastLogin === null ? null : new Date(lastLogin),
      last_ip: logins > 0 ? faker.internet.ipv4() : null,
      created_at: new Date(createdAt),
      updated_at: new Date(lastLogin ?? createdAt),
      search_key: searchKey,
      identity: {
        id: faker.string.alphanumeric(20),
        provider: connection.provider,
        provider_user_id: providerUserId,
        is_social: connection.social,
      },
      leaves: [
        ...flattenMetadata(userMetadata).map((leaf) => ({ source: "user", ...leaf })),
        ...flattenMetadata(appMetadata).map((leaf) => ({ source: "app", ...leaf })),
      ],
    });
    if (batch.length === BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

const SEEDED_TABLES = ["users", "user_identities", "user_metadata_values"];

// ---------------------------------------------------------------------------------------------
// SQLite

const sqliteDate = (date) => (date === null ? null : date.toISOString().replace("Z", "+00:00"));

export async function seedSqlite(file, { seed, count, log }) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");
  db.pragma("cache_size = -1000000");
  db.pragma("temp_store = MEMORY");
  const connectionIds = ensureConnectionsSqlite(db);

  // Secondary indexes and the trigram triggers go; their definitions come back after the load.
  const saved = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN (${SEEDED_TABLES.map(() => "?").join(",")}) AND sql IS NOT NULL`)
    .all(...SEEDED_TABLES);
  for (const item of saved) db.exec(`DROP ${item.type.toUpperCase()} "${item.name}"`);

  const insertUser = db.prepare(`INSERT INTO users (user_id, connection_id, email, email_verified, username, phone_number, phone_verified, name,
    nickname, given_name, family_name, user_metadata, app_metadata, blocked, logins_count, last_login, last_ip, multifactor,
    created_at, updated_at, email_lower, email_domain, name_lower, given_name_lower, family_name_lower, nickname_lower, search_key)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertIdentity = db.prepare(`INSERT INTO user_identities (id, user_id, connection_id, provider, provider_user_id, is_social, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertLeaf = db.prepare(`INSERT INTO user_metadata_values (user_id, source, path, position, value_text, value_number, value_bool)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const writeBatch = db.transaction((users) => {
    for (const u of users) {
      insertUser.run(
        u.user_id, u.connection_id, u.email, u.email_verified ? 1 : 0, u.username, u.phone_number, u.phone_verified ? 1 : 0, u.name,
        u.nickname, u.given_name, u.family_name, JSON.stringify(u.user_metadata), JSON.stringify(u.app_metadata), u.blocked ? 1 : 0,
        u.logins_count, sqliteDate(u.last_login), u.last_ip, sqliteDate(u.created_at), sqliteDate(u.updated_at), u.email_lower,
        u.email_domain, u.name_lower, u.given_name_lower, u.family_name_lower, u.nickname_lower, u.search_key,
      );
      insertIdentity.run(u.identity.id, u.user_id, u.connection_id, u.identity.provider, u.identity.provider_user_id, u.identity.is_social ? 1 : 0, sqliteDate(u.created_at));
      for (const leaf of u.leaves) {
        insertLeaf.run(u.user_id, leaf.source, leaf.path, leaf.position, leaf.value_text, leaf.value_number, leaf.value_bool === null ? null : leaf.value_bool ? 1 : 0);
      }
    }
  });
  let written = 0;
  let started = Date.now();
  for (const batch of generateUsers(seed, count, connectionIds)) {
    writeBatch(batch);
    written += batch.length;
    if (written % 100_000 === 0) log(`  sqlite: ${written.toLocaleString()} users (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  const timings = { load: Date.now() - started };

  started = Date.now();
  for (const item of saved.filter((s) => s.type === "index")) db.exec(item.sql);
  timings.indexes = Date.now() - started;
  started = Date.now();
  db.exec(`INSERT INTO users_trigram(users_trigram) VALUES ('delete-all')`);
  db.exec(`INSERT INTO users_trigram (rowid, email_lower, name_lower, given_name_lower, family_name_lower, nickname_lower, username)
    SELECT search_key, email_lower, name_lower, given_name_lower, family_name_lower, nickname_lower, username FROM users`);
  db.exec(`INSERT INTO users_trigram(users_trigram) VALUES ('optimize')`);
  for (const item of saved.filter((s) => s.type === "trigger")) db.exec(item.sql);
  timings.trigram = Date.now() - started;
  started = Date.now();
  db.exec("ANALYZE");
  db.pragma("wal_checkpoint(TRUNCATE)");
  timings.analyze = Date.now() - started;
  db.close();
  return timings;
}

function ensureConnectionsSqlite(db) {
  const ids = {};
  for (const connection of SEED_CONNECTIONS) {
    let row = db.prepare("SELECT id FROM connections WHERE name = ?").get(connection.name);
    if (!row) {
      const id = `con_${faker.string.alphanumeric(16)}`;
      const now = new Date().toISOString().replace("Z", "+00:00");
      db.prepare(`INSERT INTO connections (id, name, strategy, options, realms, metadata, created_at, updated_at) VALUES (?, ?, ?, '{}', '[]', '{}', ?, ?)`)
        .run(id, connection.name, connection.strategy, now, now);
      row = { id };
    }
    ids[connection.name] = row.id;
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

export async function seedPostgres(url, { seed, count, log }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica"); // no FK triggers during the load
    await client.query("SET maintenance_work_mem = '1GB'");
    await client.query("SET max_parallel_maintenance_workers = 2");
    const connectionIds = await ensureConnectionsPostgres(client);
    const { rows: saved } = await client.query(
      `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [SEEDED_TABLES],
    );
    for (const index of saved) await client.query(`DROP INDEX "${index.name}"`);

    let written = 0;
    let started = Date.now();
    for (const users of generateUsers(seed, count, connectionIds)) {
      const column = (pick) => users.map(pick);
      await client.query(
        `INSERT INTO users (user_id, connection_id, email, email_verified, username, phone_number, phone_verified, name, nickname, given_name,
          family_name, user_metadata, app_metadata, blocked, logins_count, last_login, last_ip, multifactor, created_at, updated_at,
          email_lower, email_domain, name_lower, given_name_lower, family_name_lower, nickname_lower, search_key)
         SELECT u.user_id, u.connection_id, u.email, u.email_verified, u.username, u.phone_number, u.phone_verified, u.name, u.nickname,
          u.given_name, u.family_name, u.user_metadata, u.app_metadata, u.blocked, u.logins_count, u.last_login, u.last_ip, '[]'::jsonb,
          u.created_at, u.updated_at, u.email_lower, u.email_domain, u.name_lower, u.given_name_lower, u.family_name_lower, u.nickname_lower, u.search_key
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::text[], $6::text[], $7::bool[], $8::text[], $9::text[], $10::text[],
          $11::text[], $12::jsonb[], $13::jsonb[], $14::bool[], $15::int[], $16::timestamp(3)[], $17::text[], $18::timestamp(3)[],
          $19::timestamp(3)[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $26::bigint[])
         AS u(user_id, connection_id, email, email_verified, username, phone_number, phone_verified, name, nickname, given_name,
          family_name, user_metadata, app_metadata, blocked, logins_count, last_login, last_ip, created_at, updated_at,
          email_lower, email_domain, name_lower, given_name_lower, family_name_lower, nickname_lower, search_key)`,
        [
          column((u) => u.user_id), column((u) => u.connection_id), column((u) => u.email), column((u) => u.email_verified),
          column((u) => u.username), column((u) => u.phone_number), column((u) => u.phone_verified), column((u) => u.name),
          column((u) => u.nickname), column((u) => u.given_name), column((u) => u.family_name),
          column((u) => JSON.stringify(u.user_metadata)), column((u) => JSON.stringify(u.app_metadata)), column((u) => u.blocked),
          column((u) => u.logins_count), column((u) => u.last_login?.toISOString() ?? null), column((u) => u.last_ip),
          column((u) => u.created_at.toISOString()), column((u) => u.updated_at.toISOString()), column((u) => u.email_lower),
          column((u) => u.email_domain), column((u) => u.name_lower), column((u) => u.given_name_lower),
          column((u) => u.family_name_lower), column((u) => u.nickname_lower), column((u) => String(u.search_key)),
        ],
      );
      await client.query(
        `INSERT INTO user_identities (id, user_id, connection_id, provider, provider_user_id, is_social, created_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::timestamp(3)[])`,
        [
          column((u) => u.identity.id), column((u) => u.user_id), column((u) => u.connection_id), column((u) => u.identity.provider),
          column((u) => u.identity.provider_user_id), column((u) => u.identity.is_social), column((u) => u.created_at.toISOString()),
        ],
      );
      const leaves = users.flatMap((u) => u.leaves.map((leaf) => ({ user_id: u.user_id, ...leaf })));
      const leafColumn = (pick) => leaves.map(pick);
      await client.query(
        `INSERT INTO user_metadata_values (user_id, source, path, position, value_text, value_number, value_bool)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::float8[], $7::bool[])`,
        [
          leafColumn((l) => l.user_id), leafColumn((l) => l.source), leafColumn((l) => l.path), leafColumn((l) => l.position),
          leafColumn((l) => l.value_text), leafColumn((l) => l.value_number), leafColumn((l) => l.value_bool),
        ],
      );
      written += users.length;
      if (written % 100_000 === 0) log(`  postgres: ${written.toLocaleString()} users (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    const timings = { load: Date.now() - started };
    started = Date.now();
    for (const index of saved) await client.query(index.sql);
    timings.indexes = Date.now() - started;
    started = Date.now();
    await client.query("SET session_replication_role = DEFAULT");
    for (const table of SEEDED_TABLES) await client.query(`VACUUM (ANALYZE) "${table}"`);
    timings.analyze = Date.now() - started;
    return timings;
  } finally {
    await client.end();
  }
}

async function ensureConnectionsPostgres(client) {
  const ids = {};
  for (const connection of SEED_CONNECTIONS) {
    let { rows } = await client.query("SELECT id FROM connections WHERE name = $1", [connection.name]);
    if (rows.length === 0) {
      const id = `con_${faker.string.alphanumeric(16)}`;
      await client.query(
        `INSERT INTO connections (id, name, strategy, options, realms, metadata, created_at, updated_at) VALUES ($1, $2, $3, '{}', '[]', '{}', now(), now())`,
        [id, connection.name, connection.strategy],
      );
      rows = [{ id }];
    }
    ids[connection.name] = rows[0].id;
  }
  return ids;
}
