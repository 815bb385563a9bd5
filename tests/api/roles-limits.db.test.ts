// Auth0's entity limit of 1000 roles per tenant (its own file: it fills the tenant with roles).
// The limit is also what keeps listRoles' in-service filtering and ordering a bounded read.
import { describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { managementToken } from "../helpers/tokens.ts";

describe("roles per tenant", () => {
  it("a tenant holds at most 1000 roles; lists stay complete and consistent at the limit", async () => {
    const token = await managementToken();
    const { getDb } = await import("../../lib/db/client.ts");
    const { newRoleId } = await import("../../lib/crypto/ids.ts");
    const db = await getDb();
    const existing = await db.role.count(); // the bootstrap's operator role
    expect(existing).toBe(1);
    await db.role.createMany({
      data: Array.from({ length: 1000 - existing }, (_, i) => ({ id: newRoleId(), name: `Bulk ${String(i).padStart(4, "0")}` })),
    });

    const over = await call("POST", "/api/v2/roles", { token, json: { name: "One too many" } });
    expect(over.status).toBe(400);
    expect(await over.json()).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "The tenant already has the maximum number of roles (1000).",
      errorCode: "too_many_entities",
    });

    // Paging the way auth0-deploy-cli does (default per_page, until it has `total` roles).
    const seen: string[] = [];
    for (let page = 0; page < 30; page++) {
      const r = await call("GET", `/api/v2/roles?include_totals=true&page=${page}`, { token });
      const body = (await r.json()) as { total: number; roles: { id: string }[] };
      expect(body.total).toBe(1000);
      seen.push(...body.roles.map((role) => role.id));
      if (seen.length >= body.total) break;
    }
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);

    const filtered = await call("GET", "/api/v2/roles?name_filter=BULK%2009&include_totals=true&per_page=100", { token });
    const body = (await filtered.json()) as { total: number; roles: { name: string }[] };
    expect(body.total).toBe(99); // Bulk 0900 .. Bulk 0998
    expect(body.roles[0]!.name).toBe("Bulk 0900");
    expect(body.roles.at(-1)!.name).toBe("Bulk 0998");

    // Deleting one makes room again.
    const victim = await db.role.findFirstOrThrow({ where: { name: "Bulk 0000" } });
    expect((await call("DELETE", `/api/v2/roles/${victim.id}`, { token })).status).toBe(200);
    expect((await call("POST", "/api/v2/roles", { token, json: { name: "One too many" } })).status).toBe(200);
  });
});
