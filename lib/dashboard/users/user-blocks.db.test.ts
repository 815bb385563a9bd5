// The user page's brute-force blocks: listed one by one, released one at a time (only the user's
// own), expired ones hidden. Runs on SQLite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { createUser } from "../../../tests/helpers/users.ts";
import { getDb } from "../../db/client.ts";
import { newInternalId } from "../../crypto/ids.ts";
import { AppError } from "../../services/errors.ts";
import { listUserBlockRows, releaseUserBlock } from "./user-blocks.ts";

describe("a user's brute-force blocks", () => {
  it("lists live blocks and releases one at a time, only the user's own", async () => {
    const db = await getDb();
    const user = (await createUser()) as { user_id: string; email: string };
    const other = (await createUser()) as { user_id: string; email: string };
    const row = await db.user.findUniqueOrThrow({ where: { user_id: user.user_id }, select: { connection_id: true } });
    const block = (identifier: string, extra: Record<string, unknown> = {}) =>
      db.userBlock.create({ data: { id: newInternalId(), identifier, connection_id: row.connection_id, ...extra } });
    const fromIp = await block(user.email, { ip: "203.0.113.7" });
    const anywhere = await block(user.email, { user_id: user.user_id });
    await block(user.email, { ip: "203.0.113.8", expires_at: new Date(Date.now() - 1000) });
    const othersBlock = await block(other.email);

    const listed = await listUserBlockRows(db, user.user_id);
    expect(listed.map((b) => b.id).sort()).toEqual([fromIp.id, anywhere.id].sort());
    expect(listed.find((b) => b.id === fromIp.id)).toMatchObject({ identifier: user.email, ip: "203.0.113.7", connection: "Username-Password-Authentication" });

    await expect(releaseUserBlock(db, user.user_id, othersBlock.id)).rejects.toBeInstanceOf(AppError);
    await releaseUserBlock(db, user.user_id, fromIp.id);
    expect((await listUserBlockRows(db, user.user_id)).map((b) => b.id)).toEqual([anywhere.id]);
    expect(await db.userBlock.count({ where: { id: othersBlock.id } })).toBe(1);
    await expect(releaseUserBlock(db, user.user_id, fromIp.id)).rejects.toThrow("already released");
  });
});
