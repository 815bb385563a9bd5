// Receives POST /api/v2/jobs/users-imports (multipart/form-data, Auth0's part names `users`,
// `connection_id`, `upsert`, `external_id`, `send_completion_email`): the `users` file is streamed
// to disk as it arrives (busboy), never held in memory, with no size cap (Auth0 caps at 500 KB;
// Gatehouse imports millions of users in one file). The other parts are small text fields.
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { invalidBody } from "../management/errors.ts";

export type ImportUpload = { fields: Record<string, string>; fileBytes: number | null };

const invalidMultipart = () => invalidBody("Payload validation error: 'Invalid multipart payload format'.");

/** Streams the `users` part to `filePath`; returns the text parts and the file's size (null when absent). */
export async function receiveImportUpload(request: Request, filePath: string): Promise<ImportUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body) throw invalidMultipart();
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": contentType }, limits: { fields: 16, fieldSize: 64 * 1024, parts: 32, files: 4 } });
  } catch {
    throw invalidMultipart();
  }
  const fields: Record<string, string> = {};
  let fileBytes: number | null = null;
  let fileDone: Promise<void> = Promise.resolve();
  parser.on("field", (name, value) => {
    if (!Object.hasOwn(fields, name)) fields[name] = value;
  });
  parser.on("file", (name, stream) => {
    if (name !== "users" || fileBytes !== null) {
      stream.resume();
      return;
    }
    fileBytes = 0;
    stream.on("data", (chunk: Buffer) => {
      fileBytes! += chunk.length;
    });
    fileDone = pipeline(stream, createWriteStream(filePath, { mode: 0o600 }));
    // Surfaced by the await below; without a handler here a failed write would be unhandled meanwhile.
    fileDone.catch(() => {});
  });
  try {
    await pipeline(Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>), parser as unknown as Writable);
    await fileDone;
  } catch (error) {
    await rm(filePath, { force: true });
    if (error instanceof Error && /ENOSPC|EACCES|EROFS/.test(String((error as NodeJS.ErrnoException).code))) throw error;
    throw invalidMultipart();
  }
  return { fields, fileBytes };
}
