// Portable, case-sensitive pattern matching for the search compilers (see compile-log-query.ts for
// why LIKE and Prisma's `contains` are not used as is):
//   SQLite      "col" GLOB ?                 literal * ? [ escaped as [*] [?] [[]
//   PostgreSQL  "col" LIKE ? ESCAPE '!'      literal % _ ! escaped as !% !_ !!
// Both are anchored, both match `*`/`%` against any run of characters, and both compare everything
// else character for character, so a pattern matches the same rows on both.
import type { WildcardPart } from "./ast.ts";

export type SqlDialect = "sqlite" | "postgres";

/** SQLite GLOB: `*` any run, `?` any character, `[...]` a class; a class of one is a literal. */
export function globPattern(parts: readonly WildcardPart[]): string {
  return parts.map((part) => (part.kind === "any" ? "*" : escapeGlob(part.text))).join("");
}

/** PostgreSQL LIKE with ESCAPE '!': `%` any run, `_` any character. */
export function likePattern(parts: readonly WildcardPart[]): string {
  return parts.map((part) => (part.kind === "any" ? "%" : escapeLike(part.text))).join("");
}

export function escapeGlob(text: string): string {
  return text.replace(/[*?[]/g, (char) => `[${char}]`);
}

export function escapeLike(text: string): string {
  return text.replace(/[%_!]/g, (char) => `!${char}`);
}
