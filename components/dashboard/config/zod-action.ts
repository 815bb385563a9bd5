// Server-side parsing for dashboard actions: the same zod schema as the Management API route;
// issues become the form's field errors (first path segment) and a specific message.
import type { ZodType } from "zod";
import { ActionFailure } from "@/lib/dashboard/dashboard-action.ts";

export function parseOrFail<T>(schema: ZodType<T>, input: unknown, fieldFor: (path: PropertyKey[]) => string = (path) => String(path[0] ?? "form")): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[fieldFor(issue.path)] ??= issue.message;
  const first = parsed.error.issues[0]!;
  throw new ActionFailure(`${first.path.length ? `${first.path.map(String).join(".")}: ` : ""}${first.message}`, fieldErrors);
}
