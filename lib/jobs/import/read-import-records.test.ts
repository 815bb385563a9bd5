import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readImportRecords, type ImportRecord } from "./read-import-records.ts";

const directory = mkdtempSync(join(tmpdir(), "gatehouse-import-records-"));
let n = 0;
async function read(content: string | Buffer, chunkSize: number): Promise<ImportRecord[]> {
  const path = join(directory, `f${n++}`);
  writeFileSync(path, content);
  const out: ImportRecord[] = [];
  for await (const record of readImportRecords(path, chunkSize)) out.push(record);
  return out;
}

const RECORDS = [
  { email: "a@example.com", name: "Zoë \"quoted\" [x], {y}", user_metadata: { list: [1, [2, { z: "]" }]], escaped: "back\\slash\\" } },
  { email: "b@example.com", app_metadata: {} },
  { email: "c@example.com", given_name: "日本語 😀" },
];

describe("readImportRecords", () => {
  for (const chunkSize of [1, 3, 7, 64, 1 << 20]) {
    it(`splits a JSON array into its elements (chunks of ${chunkSize} bytes)`, async () => {
      const text = `\uFEFF  [\n${RECORDS.map((r) => JSON.stringify(r, null, 1)).join(" ,\n")}\n]\n  `;
      const records = await read(text, chunkSize);
      expect(records.map((r) => r.value)).toEqual(RECORDS);
      expect(records.map((r) => r.index)).toEqual([0, 1, 2]);
      expect(records[2]!.end).toBeLessThanOrEqual(Buffer.byteLength(text));
    });

    it(`reads NDJSON lines, blank lines and CRLF included, bad lines as parse errors (chunks of ${chunkSize} bytes)`, async () => {
      const text = `${JSON.stringify(RECORDS[0])}\r\n\n{"email": "broken"\n${JSON.stringify(RECORDS[2])}`;
      const records = await read(text, chunkSize);
      expect(records).toHaveLength(3);
      expect(records[0]!.value).toEqual(RECORDS[0]);
      expect(records[1]!.parseError).toBeTruthy();
      expect(records[1]!.text).toBe('{"email": "broken"');
      expect(records[2]!.value).toEqual(RECORDS[2]);
      expect(records[2]!.end).toBe(Buffer.byteLength(text));
    });
  }

  it("keeps a syntactically bad element as a record error inside a well-formed array", async () => {
    const records = await read(`[{"email":"a@x.io"}, {"email": tru}, 42]`, 5);
    expect(records[0]!.value).toEqual({ email: "a@x.io" });
    expect(records[1]!.parseError).toBeTruthy();
    expect(records[2]!.value).toBe(42);
  });

  it("fails a broken array structure", async () => {
    await expect(read(`[{"email":"a@x.io"}, {"email": "b"`, 4)).rejects.toThrow(/not closed/);
    await expect(read(`[{"email":"a@x.io"}] trailing`, 4)).rejects.toThrow(/after the end/);
    await expect(read(`[{"email":"a@x.io"},, {}]`, 4)).rejects.toThrow(/empty element/);
    expect(await read("[]", 1)).toEqual([]);
    expect(await read("  \n ", 1)).toEqual([]);
  });
});
