// Direct SQL (./direct-sql.ts) against what Prisma writes, on SQLite and PostgreSQL: dates compare
// and read back as Prisma stores them (UTC; SQLite's ISO text), booleans and JSON read back, writes
// report their row count, and a transaction client goes through Prisma, inside the transaction.
import { describe, expect, it } from "vitest";
import { createUser } from "../../tests/helpers/users.ts";
import { newInternalId } from "../crypto/ids.ts";
import { getDb } from "./client.ts";
import { directExecute, directQuery, toBool, toDate, toJson, toNumber } from "./direct-sql.ts";
import { findPasswordCredentials } from "./secrets.ts";

describe("direct SQL", () => {
  it("compares and reads dates as Prisma stores them", async () => {
    const db = await getDb();
    const identifier = `direct.${newInternalId()}@example.com`;
    const expiresAt = new Date(Date.now() + 3_600_000);
    await db.userBlock.create({ data: { id: newInternalId(), identifier, expires_at: expiresAt } });
    const find = (after: Date) => directQuery(db, `SELECT "expires_at" FROM "user_blocks" WHERE "identifier" = ? AND "expires_at" > ?`, [identifier, after]);

    const [row] = await find(new Date());
    expect(toDate(row!.expires_at)!.getTime()).toBe(expiresAt.getTime());
    expect(await find(new Date(expiresAt.getTime() + 1))).toEqual([]);
    expect(await find(new Date(expiresAt.getTime() - 1))).toHaveLength(1);
  });

  it("writes dates Prisma reads back, and reports changed rows", async () => {
    const db = await getDb();
    const user = (await createUser()) as { user_id: string };
    const at = new Date(Date.UTC(2031, 4, 6, 7, 8, 9, 123));
    const changed = await directExecute(db, `UPDATE "users" SET "last_login" = ?, "logins_count" = "logins_count" + 1 WHERE "user_id" = ?`, [at, user.user_id]);
    expect(changed).toBe(1);
    expect(await directExecute(db, `UPDATE "users" SET "last_login" = ? WHERE "user_id" = ?`, [at, "auth0|nobody"])).toBe(0);
    const stored = await db.user.findUniqueOrThrow({ where: { user_id: user.user_id } });
    expect(stored.last_login?.toISOString()).toBe(at.toISOString());
    expect(stored.logins_count).toBe(1);

    const [row] = await directQuery(db, `SELECT "last_login", "blocked", "email_verified", "logins_count", "user_metadata", "created_at" FROM "users" WHERE "user_id" = ?`, [user.user_id]);
    expect(toDate(row!.last_login)!.toISOString()).toBe(at.toISOString());
    expect(toDate(row!.created_at)!.getTime()).toBe(stored.created_at.getTime());
    expect(toBool(row!.blocked)).toBe(false);
    expect(toBool(row!.email_verified)).toBe(stored.email_verified);
    expect(toNumber(row!.logins_count)).toBe(1);
    expect(toJson(row!.user_metadata)).toEqual(stored.user_metadata);
  });

  it("runs inside a transaction through Prisma, seeing the transaction's own writes", async () => {
    const db = await getDb();
    const identifier = `tx.${newInternalId()}@example.com`;
    const seen = await db.$transaction(async (tx) => {
      await tx.userBlock.create({ data: { id: newInternalId(), identifier } });
      const rows = await directQuery(tx, `SELECT "identifier", "expires_at" FROM "user_blocks" WHERE "identifier" = ?`, [identifier]);
      await directExecute(tx, `DELETE FROM "user_blocks" WHERE "identifier" = ?`, [identifier]);
      return rows;
    });
    expect(seen).toEqual([{ identifier, expires_at: null }]);
    expect(await db.userBlock.count({ where: { identifier } })).toBe(0);
  });

  it("finds a password account's user, hash and connection in one statement", async () => {
    const db = await getDb();
    const user = (await createUser({ name: "Direct Reader" })) as { user_id: string; email: string };
    const stored = await db.user.findUniqueOrThrow({ where: { user_id: user.user_id }, include: { password: true } });
    const found = await findPasswordCredentials(db, [stored.connection_id], { email: user.email });
    expect(found).toMatchObject({ hash: stored.password!.hash, connectionId: stored.connection_id, linkedId: null, email: user.email });
    expect(found!.user).toEqual({
      user_id: stored.user_id, connection_id: stored.connection_id, email: stored.email, email_verified: stored.email_verified, username: stored.username,
      phone_number: stored.phone_number, phone_verified: stored.phone_verified, name: "Direct Reader", nickname: stored.nickname, given_name: stored.given_name,
      family_name: stored.family_name, picture: stored.picture, locale: stored.locale, blocked: false, created_at: stored.created_at, updated_at: stored.updated_at,
    });
    expect(await findPasswordCredentials(db, [stored.connection_id], { email: `nobody.${newInternalId()}@example.com` })).toBeNull();
    expect(await findPasswordCredentials(db, [], { email: user.email })).toBeNull();
  });
});
