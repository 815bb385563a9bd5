// The rate-limit counters (lib/security/rate-limit*.ts) on both backends: the database (this file
// runs on SQLite and on PostgreSQL) and Redis at 127.0.0.1:6379 (a key prefix unique to this run,
// so parallel runs never share counters). Concurrency: many simultaneous operations on one key
// must neither lose an update nor let more than `limit` attempts through.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { RateLimitStore } from "../../lib/security/rate-limit.ts";

const REDIS_URL = process.env.GATEHOUSE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const redisPrefix = `gatehouse-test:${randomUUID()}:`;
let redisStore: import("../../lib/security/rate-limit-redis.ts").RedisRateLimitStore | undefined;

async function databaseStore(): Promise<RateLimitStore> {
  const { getDb } = await import("../../lib/db/client.ts");
  const { DatabaseRateLimitStore } = await import("../../lib/security/rate-limit-database.ts");
  return DatabaseRateLimitStore.for(await getDb());
}

async function redis(): Promise<RateLimitStore> {
  const { RedisRateLimitStore } = await import("../../lib/security/rate-limit-redis.ts");
  redisStore ??= new RedisRateLimitStore(REDIS_URL, redisPrefix);
  return redisStore;
}

afterAll(async () => {
  await redisStore?.close();
});

const key = (name: string) => `${name}:${randomUUID()}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ["database", databaseStore],
  ["redis", redis],
] as const)("%s backend", (_name, open) => {
  it("counts in a fixed window, then starts again", async () => {
    const store = await open();
    const k = key("window");
    expect((await store.increment(k, 1_000)).count).toBe(1);
    expect((await store.increment(k, 1_000)).count).toBe(2);
    expect(await store.count(k)).toBe(2);
    await sleep(1_100);
    expect(await store.count(k)).toBe(0);
    expect((await store.increment(k, 1_000)).count).toBe(1);
  });

  it("a sliding window is pushed forward by every hit", async () => {
    const store = await open();
    const k = key("sliding");
    await store.increment(k, 1_500, { sliding: true });
    await sleep(900);
    await store.increment(k, 1_500, { sliding: true });
    await sleep(900);
    // 1.8 s after the first hit: a fixed window would have started again.
    expect((await store.increment(k, 1_500, { sliding: true })).count).toBe(3);
  });

  it("reset forgets a counter", async () => {
    const store = await open();
    const k = key("reset");
    await store.increment(k, 60_000);
    await store.reset(k);
    expect(await store.count(k)).toBe(0);
  });

  it("loses no increment under 40 concurrent hits", async () => {
    const store = await open();
    const k = key("concurrent");
    const counts = await Promise.all(Array.from({ length: 40 }, () => store.increment(k, 60_000)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await store.count(k)).toBe(40);
  });

  it("a token bucket allows a burst of `limit`, then one per interval, with the wait", async () => {
    const store = await open();
    const k = key("bucket");
    const bucket = { limit: 3, intervalMs: 1_500 };
    for (let i = 0; i < 3; i++) expect((await store.take(k, bucket)).allowed).toBe(true);
    const refused = await store.take(k, bucket);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(1_500);
    expect((await store.check(k, bucket)).allowed).toBe(false);
    await sleep(refused.retryAfterMs + 30);
    expect((await store.check(k, bucket)).allowed).toBe(true);
    expect((await store.take(k, bucket)).allowed).toBe(true);
    expect((await store.take(k, bucket)).allowed).toBe(false);
  });

  it("check does not spend a token", async () => {
    const store = await open();
    const k = key("check");
    const bucket = { limit: 1, intervalMs: 60_000 };
    for (let i = 0; i < 5; i++) expect((await store.check(k, bucket)).allowed).toBe(true);
    expect((await store.take(k, bucket)).allowed).toBe(true);
    expect((await store.check(k, bucket)).allowed).toBe(false);
  });

  it("lets exactly `limit` of 30 concurrent attempts through", async () => {
    const store = await open();
    const k = key("bucket-concurrent");
    const results = await Promise.all(Array.from({ length: 30 }, () => store.take(k, { limit: 10, intervalMs: 60_000 })));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});

describe("backend choice", () => {
  it("uses the database without REDIS_URL and Redis with it", async () => {
    const { rateLimitStore } = await import("../../lib/security/rate-limit.ts");
    const { getDb } = await import("../../lib/db/client.ts");
    const { resetEnvForTests } = await import("../../lib/env.ts");
    const db = await getDb();
    expect(rateLimitStore(db).kind).toBe("database");
    process.env.REDIS_URL = REDIS_URL;
    resetEnvForTests();
    try {
      expect(rateLimitStore(db).kind).toBe("redis");
    } finally {
      delete process.env.REDIS_URL;
      resetEnvForTests();
      const { closeRedisRateLimitStores } = await import("../../lib/security/rate-limit-redis.ts");
      await closeRedisRateLimitStores();
    }
  });
});
