// Who performs an operation: services take one explicitly, for authorization of field-level
// details and for the audit trail (log events).
export type Actor =
  | { kind: "client"; clientId: string; scopes: ReadonlySet<string>; subject: string }
  | { kind: "operator"; userId: string; email: string | null }
  | { kind: "system"; reason: string };

export const systemActor = (reason: string): Actor => ({ kind: "system", reason });

/** Whether the actor may see or change what `scope` guards (operators and the system may do all). */
export function actorHasScope(actor: Actor, scope: string): boolean {
  return actor.kind !== "client" || actor.scopes.has(scope);
}
