// Breached password detection's optional remote check (GATEHOUSE_BREACHED_PASSWORD_RANGE_URL):
// k-anonymity, as Have I Been Pwned's range API. Only the first 5 hex digits of the password's
// SHA-1 leave the instance (`GET <url>/<PREFIX>`); the service answers every suffix it knows under
// that prefix (`SUFFIX:COUNT` lines; padding entries with count 0 are ignored), and the match is
// made here. Off by default.
//
// The check must never stand between a user and their login: it gives up after 2 s, and any
// failure (network, status, timeout) is logged and counts as "not found" (the local corpus still
// applies).
import { env } from "../../env.ts";
import { logger } from "../../logs/logger.ts";
import { sha1Hex } from "./corpus.ts";

export const RANGE_CHECK_TIMEOUT_MS = 2_000;

/** Whether the range service knows the password; null when it is not configured or did not answer. */
export async function inRemoteRange(password: string): Promise<boolean | null> {
  const base = env().breachedPasswordRangeUrl;
  if (!base) return null;
  const hash = sha1Hex(password);
  const prefix = hash.slice(0, 5);
  const suffix = hash.slice(5);
  try {
    const response = await fetch(`${base}/${prefix}`, {
      headers: { "add-padding": "true", "user-agent": "Gatehouse breached password detection" },
      signal: AbortSignal.timeout(RANGE_CHECK_TIMEOUT_MS),
      redirect: "error",
    });
    if (!response.ok) throw new Error(`range service answered ${response.status}`);
    const body = await response.text();
    for (const line of body.split(/\r?\n/)) {
      const [candidate, count] = line.trim().split(":");
      if (candidate?.toUpperCase() === suffix) return Number(count ?? "1") > 0;
    }
    return false;
  } catch (error) {
    logger().warn({ err: error, prefix_length: 5 }, "breached password range check failed; the local corpus alone decides");
    return null;
  }
}
