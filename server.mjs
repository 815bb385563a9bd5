// The Gatehouse HTTP server: Next.js behind a plain node:http server.
//
//   node server.mjs          production (NODE_ENV=production; needs `next build` first, which
//                            `npm start` does when the build is stale: scripts/start.mjs)
//   node server.mjs --dev    development (Next's dev server, hot reload)
//
// It reads only PORT (default 3000) and HOST (default 0.0.0.0), with the same defaults as
// lib/env.ts. Every other variable is validated by lib/env.ts when instrumentation.ts boots the
// instance inside app.prepare(): an invalid configuration (or a GATEHOUSE_SECRET that does not
// match the database) exits with code 1 before the port is opened.
//
// Why a custom server at all: the client IP. Next's X-Forwarded-For is taken from the request
// when present, so any client could choose its IP. This server overwrites x-gatehouse-peer-ip
// (lib/http/client-ip.ts PEER_IP_HEADER) with the TCP peer address on every request.
import { createServer } from "node:http";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

/** lib/http/client-ip.ts PEER_IP_HEADER (kept literal: this file is not bundled and cannot import TypeScript). */
const PEER_IP_HEADER = "x-gatehouse-peer-ip";
const SHUTDOWN_GRACE_MS = 10_000;

/** Replaces any client-sent peer-IP header with the socket's address, in `headers` and `rawHeaders`. */
function stampPeerIp(req) {
  const peer = req.socket.remoteAddress ?? "";
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i].toLowerCase() === PEER_IP_HEADER) req.rawHeaders.splice(i, 2);
  }
  delete req.headers[PEER_IP_HEADER];
  if (peer) {
    req.headers[PEER_IP_HEADER] = peer;
    req.rawHeaders.push(PEER_IP_HEADER, peer);
  }
}

function parsePort(value) {
  const port = Number(value ?? "3000");
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`Invalid configuration:\n  PORT: must be an integer between 1 and 65535 (got ${JSON.stringify(value)})`);
    process.exit(1);
  }
  return port;
}

/**
 * Starts the server. Resolves once it listens. `argv` may contain `--dev`.
 * Exported so scripts/start.mjs can run it in-process.
 */
export async function startServer({ argv = process.argv.slice(2), dir = dirname(fileURLToPath(import.meta.url)) } = {}) {
  const dev = argv.includes("--dev");
  if (!dev) process.env.NODE_ENV = "production";
  else process.env.NODE_ENV ??= "development";
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  const port = parsePort(process.env.PORT);
  const host = process.env.HOST || "0.0.0.0";

  const httpServer = createServer();
  const app = next({ dev, dir, hostname: host, port, httpServer });
  const handle = app.getRequestHandler();

  httpServer.on("request", (req, res) => {
    stampPeerIp(req);
    handle(req, res).catch((error) => {
      console.error("unhandled error in the request handler", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error");
    });
  });

  await app.prepare();
  // instrumentation.ts boots the instance (migrations, bootstrap, setup link) as Next starts, and
  // publishes the promise here (lib/boot/boot-at-start.ts BOOT_PROMISE_KEY; it never rejects, and
  // exits the process on a fatal configuration error). Opening the port after it means no request
  // meets a half-booted instance and a misconfigured one never listens. Next would otherwise hold
  // requests until the boot is done, so nothing breaks if the promise is absent.
  await globalThis[Symbol.for("gatehouse.boot")];

  await new Promise((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  console.log(`Gatehouse ${dev ? "(development) " : ""}listening on http://${shown}:${port}/ (bound to ${host}:${port})`);

  let stopping = false;
  const shutdown = (signal) => {
    if (stopping) {
      console.log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping; finishing requests in flight (at most ${SHUTDOWN_GRACE_MS / 1000} s)`);
    setTimeout(() => {
      console.error("requests still in flight after the grace period: exiting anyway");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    // Stop accepting; close keep-alive connections that sit idle; the rest close after their response.
    httpServer.close(() => {
      Promise.resolve(app.close?.())
        .catch(() => {})
        .finally(() => process.exit(0));
    });
    httpServer.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  return httpServer;
}

// `node server.mjs`: run. (scripts/start.mjs imports startServer instead.)
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startServer().catch((error) => {
    console.error("Gatehouse failed to start:", error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
