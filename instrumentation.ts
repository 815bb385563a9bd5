// Next calls register() once when the server starts (never during `next build`): Gatehouse boots
// there, not at its first request (lib/boot/boot-at-start.ts: migrations, bootstrap, the setup
// link; exit 1 on invalid configuration or a wrong GATEHOUSE_SECRET; otherwise keep serving 503
// until the database is reachable).
//
// process.env.NEXT_RUNTIME is Next's own marker, not configuration: Next replaces it at compile
// time, so the edge bundle of this file drops the Node-only import.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { bootAtStart } = await import("./lib/boot/boot-at-start.ts");
    await bootAtStart();
  }
}
