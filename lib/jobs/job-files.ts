// Job files live in the data folder, `<GATEHOUSE_DATA_DIR>/jobs/`: the uploaded import file
// (`<job id>.import`) and the gzipped export (`<job id>.json.gz` / `.csv.gz`). The job row names
// its file (jobs.file_name). Several PostgreSQL instances must share this folder (one volume
// mounted by all), since the instance that receives an upload may not be the one that runs it.
import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { env } from "../env.ts";

export function jobsDirectory(): string {
  const directory = join(env().dataDir, "jobs");
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  return directory;
}

/** The absolute path of a job file; names come from job ids, never from a request. */
export function jobFilePath(fileName: string): string {
  if (!/^job_[A-Za-z0-9]+\.[a-z.]+$/.test(fileName)) throw new Error(`not a job file name: ${fileName}`);
  return join(jobsDirectory(), fileName);
}

export async function removeJobFile(fileName: string | null | undefined): Promise<void> {
  if (fileName) await rm(jobFilePath(fileName), { force: true });
}
