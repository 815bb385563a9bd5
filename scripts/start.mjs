// `npm start`: builds the app when the production build is missing or stale
// (scripts/lib/build-if-stale.mjs), then runs the production server (server.mjs) in this process.
import { buildIfStale, projectRoot } from "./lib/build-if-stale.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
buildIfStale();
const { startServer } = await import("../server.mjs");
await startServer({ argv: [], dir: projectRoot }).catch((error) => {
  console.error("Gatehouse failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
