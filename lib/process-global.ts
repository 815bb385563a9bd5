// Process-wide singletons. Next.js compiles the instrumentation hook, pages and route handlers into
// separate module graphs, so a module-level `let` exists once per graph: a second database pool, a
// second worker pool, a cache nobody invalidates. State that must exist once per process lives on
// globalThis under a registered symbol instead.
export function processGlobal<T>(name: string, create: () => T): T {
  const key = Symbol.for(`gatehouse.${name}`);
  const store = globalThis as Record<symbol, unknown>;
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}
