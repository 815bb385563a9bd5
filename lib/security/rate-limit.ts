// Counters shared by every instance, for rate limits and attack protection. One interface, two
// backends, chosen by configuration:
//   - the database (RateCounter table; default): single-statement atomic upserts, correct under
//     concurrency on SQLite and PostgreSQL (./rate-limit-database.ts);
//   - Redis when REDIS_URL is set: one Lua script per operation, atomic on the server
//     (./rate-limit-redis.ts).
//
// Two kinds of counter:
//   - `increment`: a counter in a window (fixed: the window starts at the first hit; sliding: every
//     hit pushes the expiry forward). Brute-force protection counts consecutive failures with it.
//   - `take` / `check`: a token bucket of `limit` tokens regaining one every `intervalMs`,
//     implemented as GCRA (one timestamp per key: the "theoretical arrival time"). `take` spends a
//     token when one is left; `check` only says whether one is. Rate limits and suspicious-IP
//     throttling use it: a burst of `limit`, then one attempt per interval.
import type { Db } from "../db/client.ts";
import { env } from "../env.ts";
import { DatabaseRateLimitStore } from "./rate-limit-database.ts";
import { RedisRateLimitStore } from "./rate-limit-redis.ts";

export type Bucket = { limit: number; intervalMs: number };
export type BucketResult = { allowed: boolean; retryAfterMs: number };
export type CounterResult = { count: number; resetAt: Date };

export interface RateLimitStore {
  readonly kind: "database" | "redis";
  increment(key: string, windowMs: number, options?: { sliding?: boolean }): Promise<CounterResult>;
  /** The current count (0 when absent or expired). */
  count(key: string): Promise<number>;
  take(key: string, bucket: Bucket): Promise<BucketResult>;
  check(key: string, bucket: Bucket): Promise<BucketResult>;
  reset(key: string): Promise<void>;
}

/** The store for this process: Redis when REDIS_URL is set, else the database `db`. */
export function rateLimitStore(db: Db): RateLimitStore {
  const url = env().redisUrl;
  return url ? RedisRateLimitStore.shared(url) : DatabaseRateLimitStore.for(db);
}

/** Whole seconds for a Retry-After header (at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
