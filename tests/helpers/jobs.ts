// Helpers for the jobs tests: multipart imports as Auth0's clients send them, running the job
// runner in-process until the queue is empty, reading gzipped exports.
import { gunzipSync } from "node:zlib";
import { ready } from "../../lib/boot/ready.ts";
import { runPendingJobs } from "../../lib/jobs/job-runner.ts";
import { TEST_DOMAIN } from "../setup/test-env.ts";
import { appFetch } from "./app.ts";
import { api, fullScopeToken, type ApiResult } from "./users.ts";

export async function connectionIdOf(name = "Username-Password-Authentication"): Promise<string> {
  const db = await ready();
  return (await db.connection.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
}

export async function postImport(
  file: string | null,
  parts: Record<string, string>,
  options: { token?: string; fileName?: string } = {},
): Promise<ApiResult> {
  const form = new FormData();
  if (file !== null) form.append("users", new Blob([file], { type: "application/json" }), options.fileName ?? "users.json");
  for (const [name, value] of Object.entries(parts)) form.append(name, value);
  const response = await appFetch(`https://${TEST_DOMAIN}/api/v2/jobs/users-imports`, {
    method: "POST",
    headers: { authorization: `Bearer ${options.token ?? (await fullScopeToken())}` },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, text, headers: response.headers };
}

/** Runs every runnable job to its end, in this process. */
export async function runJobs(): Promise<void> {
  await runPendingJobs(await ready(), { batchSize: 7 });
}

export async function getJob(id: string): Promise<ApiResult> {
  return api("GET", `/jobs/${id}`);
}

export async function download(location: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await appFetch(location.replace(/^https:\/\/gatehouse\.test/, `https://${TEST_DOMAIN}`));
  const buffer = Buffer.from(await response.arrayBuffer());
  return { status: response.status, text: response.status === 200 ? gunzipSync(buffer).toString("utf8") : buffer.toString("utf8"), headers: response.headers };
}

export const ndjson = (records: unknown[]) => records.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";
