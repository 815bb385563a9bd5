// Registers an API. Defaults are Auth0's (RS256, 24 h tokens, 2 h for browser flows). An HS256 API
// gets a generated signing secret unless one is given; it is stored encrypted and returned in this
// response, as Auth0 does.
import type { Db } from "../../db/client.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import { toJson } from "../../db/json.ts";
import { encryptSecret } from "../../crypto/encryption.ts";
import { newObjectId } from "../../crypto/ids.ts";
import { env } from "../../env.ts";
import { DEFAULT_TOKEN_LIFETIME, DEFAULT_TOKEN_LIFETIME_FOR_WEB, type ResourceServerCreateInput } from "../../schemas/resource-servers.ts";
import type { Actor } from "../actor.ts";
import { conflict, invalid } from "../errors.ts";
import { presentResourceServer } from "./present-resource-server.ts";
import { newSigningSecret } from "./reveal-signing-secret.ts";
import { passthroughOf } from "./passthrough-of.ts";
import { checkTokenLifetimes } from "./check-token-lifetimes.ts";

/** Audiences Gatehouse itself answers to: an API registered under one could pass for it. */
export function reservedIdentifiers(): string[] {
  return [`${env().issuer}userinfo`];
}

export const identifierConflict = () => conflict("A resource server with the same identifier already exists", "resource_server_conflict");

export async function createResourceServer(db: Db, input: ResourceServerCreateInput, _actor: Actor): Promise<Record<string, unknown>> {
  if (reservedIdentifiers().includes(input.identifier)) throw invalid(`The identifier ${input.identifier} is reserved.`, "invalid_body");
  const signingAlg = input.signing_alg ?? "RS256";
  if (input.signing_secret !== undefined && signingAlg !== "HS256") throw invalid("signing_secret can only be set for an HS256 API.", "invalid_body");
  const tokenLifetime = input.token_lifetime ?? DEFAULT_TOKEN_LIFETIME;
  const tokenLifetimeForWeb = input.token_lifetime_for_web ?? Math.min(DEFAULT_TOKEN_LIFETIME_FOR_WEB, tokenLifetime);
  checkTokenLifetimes(tokenLifetime, tokenLifetimeForWeb);
  const secret = signingAlg === "HS256" ? (input.signing_secret ?? newSigningSecret()) : undefined;

  const extra = passthroughOf(input);
  try {
    const row = await db.resourceServer.create({
      data: {
        id: newObjectId(),
        identifier: input.identifier,
        // Auth0 names an unnamed API after its identifier.
        name: input.name ?? input.identifier,
        scopes: toJson(input.scopes ?? []),
        signing_alg: signingAlg,
        signing_secret_encrypted: secret === undefined ? null : await encryptSecret(secret, "resource-server-secrets"),
        token_lifetime: tokenLifetime,
        token_lifetime_for_web: tokenLifetimeForWeb,
        allow_offline_access: input.allow_offline_access,
        skip_consent_for_verifiable_first_party_clients: input.skip_consent_for_verifiable_first_party_clients,
        token_dialect: input.token_dialect,
        enforce_policies: input.enforce_policies,
        is_system: false,
        extra: Object.keys(extra).length ? toJson(extra) : undefined,
      },
    });
    return presentResourceServer(row, secret);
  } catch (error) {
    if (isUniqueViolation(error)) throw identifierConflict();
    throw error;
  }
}
