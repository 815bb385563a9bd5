// Liveness: the process serves requests. Deliberately touches nothing else, so an orchestrator does
// not restart a healthy process because its database is down (that is /ready's job).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
