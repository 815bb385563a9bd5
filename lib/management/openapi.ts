// The OpenAPI 3.1 document of Gatehouse's Management API, generated from the operations
// themselves (their zod schemas, scopes and statuses), so it cannot drift from what the API does
// (STYLE.md point 7). Gatehouse extensions carry `x-gatehouse-extension: true`.
import { z, type ZodType } from "zod";
import type { Operation } from "./operation.ts";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: ZodType | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  try {
    const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
    delete json.$schema;
    return json;
  } catch {
    return {};
  }
}

function parametersOf(schema: ZodType | undefined, location: "path" | "query"): JsonSchema[] {
  const json = schemaOf(schema);
  const properties = (json?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json?.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || required.has(name),
    schema: property,
    ...(location === "query" && (property.type === "array" || (property.anyOf as JsonSchema[] | undefined)?.some((s) => s.type === "array"))
      ? { style: "form", explode: true }
      : {}),
  }));
}

export function openApiDocument(operations: readonly Operation[], issuer: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    const entry: JsonSchema = {
      summary: op.summary,
      operationId: `${op.method.toLowerCase()}${op.path.replace(/\{(\w+)\}/g, "By_$1").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      security: [{ bearerAuth: [] }],
      "x-scopes": { [op.scopeMode ?? "any"]: op.scopes },
      parameters: [...parametersOf(op.params as ZodType | undefined, "path"), ...parametersOf(op.query as ZodType | undefined, "query")],
      responses: {
        [String(op.successStatus)]: { description: "Success" },
        "400": { $ref: "#/components/responses/BadRequest" },
        "401": { $ref: "#/components/responses/Unauthorized" },
        "403": { $ref: "#/components/responses/Forbidden" },
        "404": { $ref: "#/components/responses/NotFound" },
        "503": { $ref: "#/components/responses/Unavailable" },
      },
      ...(op.extension ? { "x-gatehouse-extension": true, tags: ["Gatehouse extensions"] } : { tags: [op.path.split("/")[1] ?? "api"] }),
    };
    const body = schemaOf(op.body as ZodType | undefined);
    if (body) entry.requestBody = { required: op.bodyRequired !== false, content: { "application/json": { schema: body } } };
    (paths[op.path] ??= {})[op.method.toLowerCase()] = entry;
  }
  const error = {
    type: "object",
    required: ["statusCode", "error", "message"],
    properties: {
      statusCode: { type: "integer" },
      error: { type: "string" },
      message: { type: "string" },
      errorCode: { type: "string" },
      attributes: { type: "object", properties: { error: { type: "string" } } },
    },
  };
  const response = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
  return {
    openapi: "3.1.0",
    info: {
      title: "Gatehouse Management API",
      version: "2",
      description:
        "Auth0-compatible Management API v2. Authenticate with a client-credentials access token for the audience " +
        `${issuer}api/v2/. Operations marked x-gatehouse-extension are Gatehouse's own additions.`,
    },
    servers: [{ url: `${issuer}api/v2` }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: { Error: error },
      responses: {
        BadRequest: response("Invalid request (errorCode invalid_body, invalid_query_string or invalid_uri)"),
        Unauthorized: response("Missing or invalid token"),
        Forbidden: response("Insufficient scope (errorCode insufficient_scope)"),
        NotFound: response("Not found"),
        Unavailable: response("The database is unavailable; retry"),
      },
    },
  };
}
