// The error every hash-format parser throws: a specific code (what is wrong), the JSON path of the
// offending field in the import record (where), and a message naming both. importPasswordHash turns
// it into { ok: false, code, message, path } for the import job's per-record errors.
export class HashFormatError extends Error {
  override name = "HashFormatError";
  constructor(
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

export function fail(code: string, path: string, message: string): never {
  throw new HashFormatError(code, `${path}: ${message}`, path);
}
