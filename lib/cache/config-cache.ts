// A per-process cache of configuration the hot paths read on every request (the token endpoint's
// client, API and client grant). Configuration changes rarely and is read constantly: at 1,000
// tokens/s, four queries per token are most of the cost.
//
// Correctness rests on invalidation, not on the TTL:
// - every write to a cached model, through any code path, bumps the generation
//   (lib/db/client.ts installs the hook), which empties the cache of this process at once;
// - on PostgreSQL, other instances hear of it through LISTEN/NOTIFY (./config-invalidation.ts);
// - the TTL only bounds staleness if a notification is lost (short while the listener is down).
// Writes bump again shortly after they happen, because a write inside a transaction is only visible
// after commit: a reader that re-cached the old value in between is evicted by the second bump.

import { processGlobal } from "../process-global.ts";

type Entry<T> = { value: T; generation: number; expires: number };

const MAX_ENTRIES = 10_000;
/** With cross-instance invalidation working, or a single instance. */
const LONG_TTL_MS = 60_000;
/** When notifications from other instances may be missed (PostgreSQL listener down). */
const SHORT_TTL_MS = 5_000;
const LATE_BUMPS_MS = [100, 1_000];

type State = { generation: number; entries: Map<string, Entry<unknown>>; shortTtl: boolean; listeners: Set<() => void> };
const state = processGlobal<State>("config-cache", () => ({ generation: 0, entries: new Map(), shortTtl: false, listeners: new Set() }));

function bump(): void {
  state.generation++;
  state.entries.clear();
}

function bumpNowAndLater(): void {
  bump();
  for (const delay of LATE_BUMPS_MS) setTimeout(bump, delay).unref();
}

/** Called on every write to cached configuration in this process; tells the other instances. */
export function configChanged(): void {
  bumpNowAndLater();
  for (const listener of state.listeners) listener();
}

/**
 * Called when another instance reports a change: local only, never re-broadcast. `late: false`
 * when no write can be in flight (the listener has just connected).
 */
export function remoteConfigChanged(options: { late?: boolean } = {}): void {
  if (options.late === false) bump();
  else bumpNowAndLater();
}

/** Subscribers (the cross-instance notifier) hear of every local change. */
export function onConfigChanged(listener: () => void): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

/** While other instances' changes might be missed, cache entries expire quickly. */
export function setShortTtl(short: boolean): void {
  state.shortTtl = short;
}

/** The value for `key`, loaded on a miss. `undefined` results are not kept. */
export async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const now = Date.now();
  const hit = state.entries.get(key) as Entry<T> | undefined;
  if (hit && hit.generation === state.generation && hit.expires > now) return hit.value;
  const generation = state.generation;
  const value = await load();
  // A change that happened while loading makes the loaded value suspect: use it, don't keep it.
  if (generation === state.generation && value !== undefined) {
    if (state.entries.size >= MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value!);
    state.entries.set(key, { value, generation, expires: now + (state.shortTtl ? SHORT_TTL_MS : LONG_TTL_MS) });
  }
  return value;
}

/** Increases on every configuration change: caches of their own (the key store) compare it. */
export function configGeneration(): number {
  return state.generation;
}

export function clearConfigCacheForTests(): void {
  state.entries.clear();
}
