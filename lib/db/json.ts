// Json columns. Values reaching the database were validated by a zod schema first, so typing them
// as Prisma's input JSON is a statement of fact, made in one place.
import type { Prisma } from "./client.ts";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function toJson(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

/**
 * SQL NULL for a nullable Json column (Prisma refuses a plain null there). The instance comes from
 * Prisma's shared runtime, so it is the same for the SQLite and the PostgreSQL client.
 */
export { DbNull as JsonColumnNull } from "./generated/sqlite/internal/prismaNamespace.ts";
