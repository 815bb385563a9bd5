// Orders strings by their UTF-8 bytes (= code points): SQLite's BINARY collation and PostgreSQL's
// "C" collation. Role lists are sorted with it in the service, not with ORDER BY, because a
// PostgreSQL database created with a linguistic collation (en_US.UTF-8, ...) would order names
// differently from SQLite; the same data must list in the same order on both databases.
export function binaryCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
