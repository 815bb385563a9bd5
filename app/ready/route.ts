// Readiness: migrations applied, tenant bootstrapped, database answering. 503 otherwise, so a load
// balancer sends traffic elsewhere until this instance can serve it.
import { checkReadiness } from "@/lib/boot/check-readiness.ts";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const result = await checkReadiness();
  return Response.json(result, { status: result.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
