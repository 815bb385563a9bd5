// Keeps grants and permissions inside an API's scope list: when an API stops defining a scope, the
// scope is removed from its client grants (the grants themselves stay) and the role and user
// permissions naming it are deleted, in the transaction that changes the API.
//
// Why prune rather than keep and filter at issuance: a kept entry would silently come back to life
// if a scope of the same name were defined again later, re-authorizing clients and users nobody
// re-approved. Auth0's Management API leaves grants as they were; Gatehouse's invariant is that a
// grant never carries a scope its API does not define.
import type { DbOrTx } from "../../db/client.ts";

export async function pruneUndefinedScopes(tx: DbOrTx, identifier: string, defined: readonly string[]): Promise<void> {
  const keep = new Set(defined);
  const grants = await tx.clientGrant.findMany({ where: { audience: identifier }, select: { id: true, scope: true } });
  for (const grant of grants) {
    const scopes = grant.scope as string[];
    const kept = scopes.filter((s) => keep.has(s));
    if (kept.length !== scopes.length) await tx.clientGrant.update({ where: { id: grant.id }, data: { scope: kept } });
  }
  const stale = { resource_server_identifier: identifier, permission_name: { notIn: [...keep] } };
  await tx.rolePermission.deleteMany({ where: stale });
  await tx.userPermission.deleteMany({ where: stale });
}
