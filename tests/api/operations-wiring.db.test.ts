// Every Management API operation is served at the path and method it declares (so the OpenAPI
// document never lists an operation the router does not reach), and the document is valid.
import { describe, expect, it } from "vitest";
import { MANAGEMENT_OPERATIONS } from "../../lib/management/routes/index.ts";
import { call } from "../helpers/app.ts";

describe("Management API operations", () => {
  it.each(MANAGEMENT_OPERATIONS.map((op) => [op.method, op.path] as const))("%s %s is routed and guarded", async (method, path) => {
    const concrete = path.replace(/\{(\w+)\}/g, "probe");
    const response = await call(method, `/api/v2${concrete}`);
    // Without a token every operation answers 401 from the wrapper: proof the route reaches it.
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, message: "Missing authentication" });
  });

  it("publishes an OpenAPI 3.1 document listing every operation with its scopes", async () => {
    const response = await call("GET", "/api/v2/openapi.json");
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { "x-scopes": unknown }>> };
    expect(doc.openapi).toBe("3.1.0");
    for (const op of MANAGEMENT_OPERATIONS) expect(doc.paths[op.path]?.[op.method.toLowerCase()]?.["x-scopes"]).toBeDefined();
    expect(JSON.stringify(doc.paths["/clients"]?.post)).toContain("callbacks");
  });
});
