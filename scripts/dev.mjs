// `npm run dev`: the development server (server.mjs --dev: Next's dev mode, hot reload), with the
// same peer-IP handling and start-up boot as production.
import { projectRoot } from "./lib/build-if-stale.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const { startServer } = await import("../server.mjs");
await startServer({ argv: ["--dev"], dir: projectRoot }).catch((error) => {
  console.error("Gatehouse failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
