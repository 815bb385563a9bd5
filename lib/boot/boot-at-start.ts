// Boots the instance when the server starts (called by instrumentation.ts), so migrations run, the
// tenant is bootstrapped and the setup link is printed before the first request.
//
// Failure policy (STYLE.md point 9, fail closed):
//   - invalid configuration (EnvError) or a GATEHOUSE_SECRET that does not decrypt this database
//     (SecretMismatchError): print the message and exit with code 1. Retrying cannot fix either,
//     and serving with the wrong secret would mint keys nobody can read back.
//   - anything else (typically the database is down): log it and keep serving. /health answers
//     200, everything else 503, and routes retry ready() themselves until the database is back.
//
// Handshake with server.mjs: in production Next calls register() from its server constructor
// without app.prepare() waiting for it (requests wait for it instead). The boot promise is
// published on globalThis under BOOT_PROMISE_KEY so server.mjs, which is not bundled and cannot
// import this module, opens the port only once the boot has finished. It never rejects.
import { EnvError } from "../env.ts";
import { logger } from "../logs/logger.ts";
import { SecretMismatchError } from "./bootstrap.ts";
import { ready } from "./ready.ts";
import { startJobRunnerWhenReady } from "../jobs/job-runner.ts";

export const BOOT_PROMISE_KEY = Symbol.for("gatehouse.boot");

async function boot(exit: (code: number) => never): Promise<void> {
  // The background job runner (imports, exports), in every instance, once the database is ready.
  startJobRunnerWhenReady(ready);
  try {
    await ready();
  } catch (error) {
    if (error instanceof EnvError || error instanceof SecretMismatchError) {
      // console, not the logger: the logger's own configuration may be what is invalid.
      console.error(`Gatehouse cannot start.\n${error.message}`);
      exit(1);
    }
    logger().error({ err: error }, "start-up failed; serving 503 and retrying at each request until the database is reachable");
  }
}

export function bootAtStart(exit: (code: number) => never = process.exit): Promise<void> {
  const promise = boot(exit);
  (globalThis as Record<symbol, unknown>)[BOOT_PROMISE_KEY] = promise;
  return promise;
}
