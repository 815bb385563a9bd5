// Rate-limit counters in Redis (REDIS_URL), shared by every instance. Each operation is one Lua
// script, atomic on the server; times come from the Redis server's clock (TIME), so instances with
// skewed clocks still agree. Keys expire by themselves (PEXPIRE / SET PX).
//
// Failure policy: if Redis is unreachable or slow (over 1 s), the operation fails OPEN (the attempt
// is allowed, a warning is logged): an outage of the counters must not lock every user out, and
// password verification itself still protects the accounts.
import { Redis } from "ioredis";
import { logger } from "../logs/logger.ts";
import { processGlobal } from "../process-global.ts";
import type { Bucket, BucketResult, CounterResult, RateLimitStore } from "./rate-limit.ts";

const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or ARGV[2] == '1' then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

// GCRA: the key holds the bucket's time in ms. ARGV: interval, limit, 1 = spend a token.
const BUCKET = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local threshold = now + (tonumber(ARGV[2]) - 1) * interval
if tat > threshold then return {0, tat - threshold} end
if ARGV[3] == '1' then
  local nextTat = tat + interval
  redis.call('SET', KEYS[1], nextTat, 'PX', nextTat - now)
end
return {1, 0}
`;

type ScriptedRedis = Redis & {
  gatehouseIncrement(key: string, windowMs: number, sliding: string): Promise<[number, number]>;
  gatehouseBucket(key: string, intervalMs: number, limit: number, spend: string): Promise<[number, number]>;
};

const shared = processGlobal("rate-limit-redis", () => new Map<string, RedisRateLimitStore>());

export class RedisRateLimitStore implements RateLimitStore {
  readonly kind = "redis" as const;
  readonly #redis: ScriptedRedis;

  constructor(url: string, private readonly prefix = "gatehouse:rl:") {
    const redis = new Redis(url, {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1_000,
      enableOfflineQueue: true,
      // Reconnect with a capped backoff; never give up.
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    redis.on("error", (error) => logger().warn({ err: error }, "redis (rate limits) error"));
    redis.defineCommand("gatehouseIncrement", { numberOfKeys: 1, lua: INCREMENT });
    redis.defineCommand("gatehouseBucket", { numberOfKeys: 1, lua: BUCKET });
    this.#redis = redis as ScriptedRedis;
  }

  /** One connection per URL per process. */
  static shared(url: string): RedisRateLimitStore {
    let store = shared.get(url);
    if (!store) {
      store = new RedisRateLimitStore(url);
      shared.set(url, store);
    }
    return store;
  }

  async #failOpen<T>(operation: string, fallback: T, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      logger().warn({ err: error, operation }, "rate-limit counter unavailable: allowing the attempt");
      return fallback;
    }
  }

  increment(key: string, windowMs: number, options: { sliding?: boolean } = {}): Promise<CounterResult> {
    return this.#failOpen("increment", { count: 0, resetAt: new Date(Date.now() + windowMs) }, async () => {
      const [count, ttl] = await this.#redis.gatehouseIncrement(this.prefix + key, Math.max(1, Math.round(windowMs)), options.sliding ? "1" : "0");
      return { count: Number(count), resetAt: new Date(Date.now() + Math.max(0, Number(ttl))) };
    });
  }

  count(key: string): Promise<number> {
    return this.#failOpen("count", 0, async () => Number((await this.#redis.get(this.prefix + key)) ?? 0));
  }

  #bucket(key: string, bucket: Bucket, spend: boolean): Promise<BucketResult> {
    return this.#failOpen(spend ? "take" : "check", { allowed: true, retryAfterMs: 0 }, async () => {
      const [allowed, wait] = await this.#redis.gatehouseBucket(this.prefix + key, Math.max(1, Math.round(bucket.intervalMs)), bucket.limit, spend ? "1" : "0");
      return { allowed: Number(allowed) === 1, retryAfterMs: Number(wait) };
    });
  }

  take(key: string, bucket: Bucket): Promise<BucketResult> {
    return this.#bucket(key, bucket, true);
  }

  check(key: string, bucket: Bucket): Promise<BucketResult> {
    return this.#bucket(key, bucket, false);
  }

  async reset(key: string): Promise<void> {
    await this.#failOpen("reset", 0, () => this.#redis.del(this.prefix + key));
  }

  async close(): Promise<void> {
    await this.#redis.quit().catch(() => this.#redis.disconnect());
  }
}

/** Closes the shared connections (shutdown, end of a test file). */
export async function closeRedisRateLimitStores(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  await Promise.all(all.map((s) => s.close()));
}
