import { json } from "@/lib/http/json.ts";
import { currentRequestContext } from "@/lib/http/request-context.ts";
import { dbConnectionsRoute, readJsonObject } from "@/lib/dbconnections/dbconnections-route.ts";
import { dbConnectionsSignup } from "@/lib/dbconnections/signup.ts";

export const dynamic = "force-dynamic";

export const POST = dbConnectionsRoute(async (request, db) => {
  const body = await dbConnectionsSignup(db, await readJsonObject(request), { ip: currentRequestContext()?.ip });
  return json(body);
});
