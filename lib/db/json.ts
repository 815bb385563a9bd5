// Json columns. Values reaching the database were validated by a zod schema first, so typing them
// as Prisma's input JSON is a statement of fact, made in one place.
import type { Prisma } from "./client.ts";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function toJson(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}
