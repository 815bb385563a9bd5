// Cross-instance cache invalidation on PostgreSQL: every instance LISTENs on one channel and
// NOTIFYs it when it changes cached configuration (lib/cache/config-cache.ts). No extra service
// is needed: the database the instances already share carries the messages.
//
// While the listening connection is down, notifications from others could be missed, so cached
// entries switch to a short TTL until it is back (reconnecting with backoff).
import { randomUUID } from "node:crypto";
import { logger } from "../logs/logger.ts";
import { processGlobal } from "../process-global.ts";
import { onConfigChanged, remoteConfigChanged, setShortTtl } from "./config-cache.ts";

const CHANNEL = "gatehouse_config";

type Listener = { stop: () => Promise<void>; listening: Promise<void> };

function listeners(): Map<string, Listener> {
  return processGlobal("config-invalidation", () => new Map<string, Listener>());
}

/** Resolves once this process listens for other instances' changes on `databaseUrl`. */
export function configInvalidationListening(databaseUrl: string): Promise<void> {
  return listeners().get(databaseUrl)?.listening ?? Promise.reject(new Error("not listening: not a PostgreSQL database"));
}

/** Stops listening (graceful shutdown, end of a test file): closes the connection, no reconnects. */
export async function stopConfigInvalidation(): Promise<void> {
  const all = [...listeners().values()];
  listeners().clear();
  await Promise.all(all.map((l) => l.stop()));
}

/** Starts once per process and database URL. */
export function startConfigInvalidation(databaseUrl: string): void {
  if (listeners().has(databaseUrl)) return;
  let stopped = false;
  const instance = randomUUID();
  let client: import("pg").Client | undefined;
  let retry = 1_000;
  let notifyTimer: NodeJS.Timeout | undefined;
  setShortTtl(true);

  const notify = () => {
    // Coalesce bursts of writes into one notification; sent after the writer's transaction has
    // most likely committed (the cache bumps again later anyway).
    if (notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = undefined;
      client?.query("SELECT pg_notify($1, $2)", [CHANNEL, instance]).catch(() => {});
    }, 50);
    notifyTimer.unref();
  };
  const unsubscribe = onConfigChanged(notify);
  let markListening!: () => void;
  const listening = new Promise<void>((resolve) => (markListening = resolve));
  listeners().set(databaseUrl, {
    listening,
    async stop() {
      stopped = true;
      unsubscribe();
      if (notifyTimer) clearTimeout(notifyTimer);
      const open = client;
      client = undefined;
      await open?.end().catch(() => {});
    },
  });

  let reconnecting = false;
  const scheduleReconnect = () => {
    if (reconnecting || stopped) return;
    reconnecting = true;
    setShortTtl(true);
    setTimeout(() => {
      reconnecting = false;
      void connect().catch(onFailure);
    }, retry).unref();
    retry = Math.min(retry * 2, 30_000);
  };

  const connect = async () => {
    const { default: pg } = await import("pg");
    const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000, keepAlive: true });
    next.on("notification", (message) => {
      if (message.channel === CHANNEL && message.payload !== instance) remoteConfigChanged();
    });
    next.on("error", () => next.end().catch(() => {}));
    next.on("end", () => {
      if (client === next) {
        client = undefined;
        scheduleReconnect();
      }
    });
    // The connection stays open for the life of the process; it must not keep it alive by itself.
    await next.connect();
    (next as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    await next.query(`LISTEN ${CHANNEL}`);
    if (stopped) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    retry = 1_000;
    // Changes made while we were not listening are unknown: start from an empty cache.
    remoteConfigChanged({ late: false });
    setShortTtl(false);
    markListening();
  };
  const onFailure = (error: unknown) => {
    logger().warn({ err: error }, "configuration change listener unavailable; caching briefly until it is back");
    scheduleReconnect();
  };
  void connect().catch(onFailure);
}
