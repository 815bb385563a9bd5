// Classifies database errors, so callers can answer 409 for a duplicate and 503 for an outage
// instead of a 500 (and never leak driver messages to clients).

type ErrorWithCode = { code?: unknown; meta?: unknown; message?: unknown; cause?: unknown };

const UNAVAILABLE_PRISMA_CODES = new Set(["P1000", "P1001", "P1002", "P1003", "P1008", "P1011", "P1017", "P2024", "P2037"]);
const UNAVAILABLE_MESSAGES = [
  /ECONNREFUSED/, /ECONNRESET/, /ETIMEDOUT/, /EHOSTUNREACH/, /ENOTFOUND/, /EPIPE/,
  /Connection terminated/i, /timeout exceeded when trying to connect/i, /Can't reach database server/i,
  /terminating connection/i, /the database system is (starting up|shutting down)/i, /Client has encountered a connection error/i,
  /SQLITE_BUSY/, /SQLITE_CANTOPEN/, /SQLITE_IOERR/, /database is locked/i, /too many clients/i,
];

function chain(error: unknown): ErrorWithCode[] {
  const out: ErrorWithCode[] = [];
  let e: unknown = error;
  for (let i = 0; i < 5 && e && typeof e === "object"; i++) {
    out.push(e as ErrorWithCode);
    e = (e as ErrorWithCode).cause;
  }
  return out;
}

/** True when the database could not be reached or is overloaded: a 503, and retrying may help. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some((e) => {
    if (typeof e.code === "string" && UNAVAILABLE_PRISMA_CODES.has(e.code)) return true;
    if (typeof e.code === "string" && /^(57P0[1-3]|08\d{3}|53300)$/.test(e.code)) return true; // pg SQLSTATEs
    const message = typeof e.message === "string" ? e.message : "";
    return UNAVAILABLE_MESSAGES.some((re) => re.test(message));
  });
}

/** True for a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return chain(error).some((e) => e.code === "P2002");
}

/** True when a write's foreign key points at nothing (P2003), or an update/delete found no row (P2025). */
export function isForeignKeyViolation(error: unknown): boolean {
  return chain(error).some((e) => e.code === "P2003");
}

export function isRecordNotFound(error: unknown): boolean {
  return chain(error).some((e) => e.code === "P2025");
}
