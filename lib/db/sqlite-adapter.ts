// The SQLite driver adapter, hardened for a server.
//
// @prisma/adapter-better-sqlite3 6.19 shares ONE connection between everything: it serializes
// transactions with a private mutex, but plain queries from other requests still run on that
// connection while a transaction is open, so they would join (and roll back with) somebody
// else's transaction. This wrapper makes every top-level query wait while a transaction is open:
// SQLite has a single writer anyway, and transactions here are short.
//
// It also sets the pragmas a server wants: WAL (readers never block the writer), foreign keys on,
// a busy timeout for other processes (the Prisma CLI, a backup), and synchronous=NORMAL, which is
// durable in WAL mode except for the last transactions on power loss.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { processGlobal } from "../process-global.ts";

const PRAGMAS = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

class Gate {
  #tail: Promise<void> = Promise.resolve();
  /** Waits for every earlier holder, then holds the gate until the returned release is called. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => held);
    return ready;
  }
  /** Runs fn when no transaction holds the gate (without holding it: queries don't block each other). */
  async pass<T>(fn: () => Promise<T>): Promise<T> {
    await this.#tail;
    return fn();
  }
}

/**
 * Direct access to the shared connection, for the few writes that must not pay Prisma's per-query
 * cost on a hot path (log events): `run` executes synchronous better-sqlite3 work when no
 * transaction holds the connection. A second connection would contend for SQLite's write lock,
 * and its busy handler sleeps on the event loop.
 */
export type SqliteHandle = {
  run<T>(fn: (database: BetterSqliteDatabase) => T): Promise<T>;
  /**
   * Holds the connection until `fn` settles: nothing else runs on it meanwhile, while the event
   * loop stays free between fn's steps (a long transaction that yields between statements).
   */
  exclusive<T>(fn: (database: BetterSqliteDatabase) => Promise<T>): Promise<T>;
};
type BetterSqliteDatabase = { prepare(sql: string): { run(...params: unknown[]): unknown }; transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void };

const handles = processGlobal("sqlite-handles", () => new Map<string, SqliteHandle>());

export function sqliteHandle(url: string): SqliteHandle | undefined {
  return handles.get(url);
}

function harden(adapter: SqlDriverAdapter, url: string): SqlDriverAdapter {
  const gate = new Gate();
  const database = (adapter as unknown as { client?: BetterSqliteDatabase }).client;
  if (database)
    handles.set(url, {
      run: (fn) => gate.pass(async () => fn(database)),
      exclusive: async (fn) => {
        const release = await gate.acquire();
        try {
          return await fn(database);
        } finally {
          release();
        }
      },
    });
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = (q) => gate.pass(() => queryRaw(q));
  adapter.executeRaw = (q) => gate.pass(() => executeRaw(q));
  adapter.startTransaction = async (isolationLevel) => {
    const release = await gate.acquire();
    let tx: Transaction;
    try {
      tx = await startTransaction(isolationLevel);
    } catch (e) {
      release();
      throw e;
    }
    const commit = tx.commit.bind(tx);
    const rollback = tx.rollback.bind(tx);
    tx.commit = async () => {
      try {
        await commit();
      } finally {
        release();
      }
    };
    tx.rollback = async () => {
      try {
        await rollback();
      } finally {
        release();
      }
    };
    return tx;
  };
  return adapter;
}

export function sqliteAdapterFactory(url: string): SqlDriverAdapterFactory {
  const inner = new PrismaBetterSQLite3({ url });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect();
      await adapter.executeScript(PRAGMAS);
      return harden(adapter, url);
    },
  };
}
