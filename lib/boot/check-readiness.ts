import { isDatabaseUnavailable } from "../db/errors.ts";
import { logger } from "../logs/logger.ts";
import { ready } from "./ready.ts";

export type Readiness = { status: "ready" | "unavailable"; database: "up" | "down"; message?: string };

export async function checkReadiness(): Promise<Readiness> {
  try {
    const db = await ready();
    await db.$queryRawUnsafe("SELECT 1");
    return { status: "ready", database: "up" };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) logger().error({ err: error }, "readiness check failed");
    return {
      status: "unavailable",
      database: "down",
      message: isDatabaseUnavailable(error) ? "The database is unreachable." : "The instance failed to start; see its log.",
    };
  }
}
