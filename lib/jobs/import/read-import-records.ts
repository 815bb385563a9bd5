// Streams the records of an import file without holding it in memory: a JSON array (Auth0's
// format) or NDJSON (one JSON value a line; what Auth0 and Gatehouse exports produce). The format
// is the file's first non-blank character: `[` is an array, anything else NDJSON.
//
// A JSON array is split into its elements by a byte scanner (string and escape aware, tracking
// nesting), and each element is parsed on its own, so one malformed element becomes one record
// error while the rest import. Only a broken array structure (unbalanced brackets, text after the
// closing bracket) fails the file. In NDJSON every non-blank line is a record; a line that is not
// JSON is a record error. Every record carries the byte offset just past it (the checkpoint).
import { createReadStream } from "node:fs";

export type ImportRecord = {
  /** 0-based position in the file. */
  index: number;
  /** Byte offset just past the record. */
  end: number;
  /** The parsed value, or undefined with `parseError` set. */
  value?: unknown;
  parseError?: string;
  /** The record's text when it did not parse (for the error entry). */
  text?: string;
};

export class ImportFileError extends Error {
  override name = "ImportFileError";
}

const OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d, OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, NEWLINE = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const isBlank = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
/** Elements larger than this cannot be a user record; the file is refused rather than buffered. */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

function parse(index: number, end: number, bytes: Buffer): ImportRecord {
  const text = bytes.toString("utf8");
  try {
    return { index, end, value: JSON.parse(text) };
  } catch (error) {
    return { index, end, parseError: (error as Error).message, text: text.length > 2048 ? `${text.slice(0, 2048)}…` : text };
  }
}

export async function* readImportRecords(path: string, chunkSize = 1 << 20): AsyncGenerator<ImportRecord> {
  const stream = createReadStream(path, { highWaterMark: chunkSize });
  let mode: "unknown" | "array" | "ndjson" = "unknown";
  let carry: Buffer = Buffer.alloc(0);
  /** File offset of carry[0]. */
  let carryStart = 0;
  let index = 0;
  // Array scanner state, at the position carry.length (continues across chunks).
  let depth = 0;
  let inString = false;
  let escaped = false;
  let elementStart = -1;
  let arrayClosed = false;
  let scanned = 0;
  let bomChecked = false;

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let buffer = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    if (!bomChecked) {
      // A UTF-8 byte order mark may start the file (and be split across reads).
      if (buffer.length < 3 && BOM.subarray(0, buffer.length).equals(buffer)) {
        carry = buffer;
        continue;
      }
      bomChecked = true;
      if (buffer.subarray(0, 3).equals(BOM)) {
        buffer = buffer.subarray(3);
        carryStart += 3;
      }
      carry = Buffer.alloc(0);
    }
    if (mode === "unknown") {
      let i = 0;
      while (i < buffer.length && isBlank(buffer[i]!)) i++;
      if (i === buffer.length) {
        carryStart += buffer.length;
        carry = Buffer.alloc(0);
        continue;
      }
      mode = buffer[i] === OPEN_BRACKET ? "array" : "ndjson";
      if (mode === "array") {
        buffer = buffer.subarray(i + 1);
        carryStart += i + 1;
        depth = 1;
      }
      scanned = 0;
    }

    if (mode === "ndjson") {
      let lineStart = 0;
      for (;;) {
        const newline = buffer.indexOf(NEWLINE, lineStart);
        if (newline === -1) break;
        const line = trimmed(buffer, lineStart, newline);
        if (line) yield parse(index++, carryStart + newline + 1, line);
        lineStart = newline + 1;
      }
      carry = buffer.subarray(lineStart);
      carryStart += lineStart;
      if (carry.length > MAX_RECORD_BYTES) throw new ImportFileError(`A record is longer than ${MAX_RECORD_BYTES} bytes.`);
      continue;
    }

    // Array mode: scan from where the previous chunk stopped.
    let consumed = 0;
    for (let i = scanned; i < buffer.length; i++) {
      const b = buffer[i]!;
      if (arrayClosed) {
        if (!isBlank(b)) throw new ImportFileError("Unexpected content after the end of the JSON array.");
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) inString = false;
        continue;
      }
      if (b === QUOTE) {
        inString = true;
        if (elementStart < 0) elementStart = i;
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        if (elementStart < 0) elementStart = i;
        depth++;
      } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth--;
        if (depth < 0 || (depth === 0 && b !== CLOSE_BRACKET)) throw new ImportFileError("The JSON array is malformed (unbalanced brackets).");
        if (depth === 0) {
          if (elementStart >= 0) yield parse(index++, carryStart + i, buffer.subarray(elementStart, i));
          elementStart = -1;
          arrayClosed = true;
          consumed = i + 1;
        }
      } else if (b === COMMA && depth === 1) {
        if (elementStart < 0) throw new ImportFileError("The JSON array is malformed (an empty element).");
        yield parse(index++, carryStart + i + 1, buffer.subarray(elementStart, i));
        elementStart = -1;
        consumed = i + 1;
      } else if (!isBlank(b) && elementStart < 0) {
        elementStart = i;
      }
    }
    // Keep the unfinished element (from its start) for the next chunk.
    const keepFrom = elementStart >= 0 ? elementStart : Math.max(consumed, buffer.length);
    carry = buffer.subarray(keepFrom);
    scanned = buffer.length - keepFrom;
    if (elementStart >= 0) elementStart = 0;
    carryStart += keepFrom;
    if (carry.length > MAX_RECORD_BYTES) throw new ImportFileError(`A record is longer than ${MAX_RECORD_BYTES} bytes.`);
  }

  if (mode === "ndjson") {
    const line = trimmed(carry, 0, carry.length);
    if (line) yield parse(index++, carryStart + carry.length, line);
  } else if (mode === "array" && !arrayClosed) {
    throw new ImportFileError("The JSON array is not closed: the file is truncated or malformed.");
  }
}

function trimmed(buffer: Buffer, start: number, end: number): Buffer | null {
  while (start < end && isBlank(buffer[start]!)) start++;
  while (end > start && isBlank(buffer[end - 1]!)) end--;
  return end > start ? buffer.subarray(start, end) : null;
}
