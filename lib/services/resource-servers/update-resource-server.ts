// Updates an API (PATCH semantics: the top-level properties given replace the stored ones).
//
// - The identifier never changes (the schema refuses it).
// - The Management API (is_system) takes only token_lifetime and
//   skip_consent_for_verifiable_first_party_clients, as Auth0's system API does; anything else is
//   400 with Auth0's "Additional properties not allowed" wording.
// - signing_alg HS256 needs a secret: the given one, the stored one, or a generated one. Leaving
//   HS256 erases the stored secret, so no stale key can sign for the API later.
// - token_lifetime_for_web follows a lowered token_lifetime unless it is given (then it is checked).
// - Scopes the API stops defining are pruned from grants and permissions (prune-undefined-scopes.ts).
import type { Db, Prisma } from "../../db/client.ts";
import { isRecordNotFound } from "../../db/errors.ts";
import { toJson } from "../../db/json.ts";
import { encryptSecret } from "../../crypto/encryption.ts";
import { SYSTEM_RESOURCE_SERVER_UPDATABLE_FIELDS, type ResourceServerUpdateInput } from "../../schemas/resource-servers.ts";
import type { Actor } from "../actor.ts";
import { invalid } from "../errors.ts";
import { checkTokenLifetimes } from "./check-token-lifetimes.ts";
import { getResourceServerRowOrThrow, resourceServerNotFound } from "./get-resource-server.ts";
import { passthroughOf } from "./passthrough-of.ts";
import { presentResourceServer } from "./present-resource-server.ts";
import { pruneUndefinedScopes } from "./prune-undefined-scopes.ts";
import { actorMaySeeSigningSecrets, newSigningSecret, revealSigningSecret } from "./reveal-signing-secret.ts";

const SYSTEM_UPDATABLE = new Set<string>(SYSTEM_RESOURCE_SERVER_UPDATABLE_FIELDS);

export async function updateResourceServer(db: Db, idOrIdentifier: string, input: ResourceServerUpdateInput, actor: Actor): Promise<Record<string, unknown>> {
  const existing = await getResourceServerRowOrThrow(db, idOrIdentifier);
  if (existing.is_system) {
    const refused = Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined && !SYSTEM_UPDATABLE.has(key));
    if (refused.length)
      throw invalid(
        `Payload validation error: 'Additional properties not allowed: ${refused.join(",")}'. The Management API is a system API: only ${SYSTEM_RESOURCE_SERVER_UPDATABLE_FIELDS.join(" and ")} can be changed.`,
        "invalid_body",
      );
  }

  const signingAlg = input.signing_alg ?? existing.signing_alg;
  if (input.signing_secret !== undefined && signingAlg !== "HS256") throw invalid("signing_secret can only be set for an HS256 API.", "invalid_body");
  const tokenLifetime = input.token_lifetime ?? existing.token_lifetime;
  const tokenLifetimeForWeb = input.token_lifetime_for_web ?? Math.min(existing.token_lifetime_for_web, tokenLifetime);
  checkTokenLifetimes(tokenLifetime, tokenLifetimeForWeb);

  const data: Prisma.ResourceServerUpdateInput = {
    name: input.name,
    signing_alg: input.signing_alg,
    allow_offline_access: input.allow_offline_access,
    skip_consent_for_verifiable_first_party_clients: input.skip_consent_for_verifiable_first_party_clients,
    token_lifetime: tokenLifetime,
    token_lifetime_for_web: tokenLifetimeForWeb,
    token_dialect: input.token_dialect,
    enforce_policies: input.enforce_policies,
  };
  if (input.scopes !== undefined) data.scopes = toJson(input.scopes);
  const extra = passthroughOf(input);
  if (Object.keys(extra).length) data.extra = toJson({ ...((existing.extra as object | null) ?? {}), ...extra });

  // The secret this response may show because this request chose or generated it.
  let newSecret: string | undefined;
  if (signingAlg === "HS256") {
    newSecret = input.signing_secret ?? (existing.signing_alg === "HS256" ? undefined : newSigningSecret());
    if (newSecret !== undefined) data.signing_secret_encrypted = await encryptSecret(newSecret, "resource-server-secrets");
  } else if (existing.signing_alg === "HS256") {
    data.signing_secret_encrypted = null;
  }

  try {
    const row = await db.$transaction(async (tx) => {
      const updated = await tx.resourceServer.update({ where: { id: existing.id }, data });
      if (input.scopes !== undefined) await pruneUndefinedScopes(tx, updated.identifier, input.scopes.map((s) => s.value));
      return updated;
    });
    const secret = newSecret ?? (actorMaySeeSigningSecrets(actor) ? await revealSigningSecret(db, row) : undefined);
    return presentResourceServer(row, secret);
  } catch (error) {
    if (isRecordNotFound(error)) throw resourceServerNotFound();
    throw error;
  }
}
