// /api/v2/keys/signing: list, get, rotate and revoke the tenant's signing keys.
import { z } from "zod";
import { keyStore } from "../../oidc/keys/key-store.ts";
import { listSigningKeys, revokeSigningKey, rotateSigningKeys, SigningKeyError } from "../../oidc/keys/signing-keys.ts";
import { presentSigningKey } from "../../services/keys/present-signing-key.ts";
import { AppError } from "../../services/errors.ts";
import { defineOperation } from "../operation.ts";

const kidParams = z.object({ kid: z.string().min(1).max(128) });

function mapKeyError(error: unknown): never {
  if (error instanceof SigningKeyError)
    throw error.code === "not_found" ? new AppError("not_found", error.message, "inexistent_key") : new AppError("invalid", error.message, "operation_not_supported");
  throw error;
}

export const listSigningKeysOperation = defineOperation({
  method: "GET",
  path: "/keys/signing",
  summary: "Get all application signing keys",
  scopes: ["read:signing_keys"],
  successStatus: 200,
  async handler({ db }) {
    return { status: 200, body: (await listSigningKeys(db)).map(presentSigningKey) };
  },
});

export const getSigningKeyOperation = defineOperation({
  method: "GET",
  path: "/keys/signing/{kid}",
  summary: "Get an application signing key by its key id",
  scopes: ["read:signing_keys"],
  params: kidParams,
  successStatus: 200,
  async handler({ db, params }) {
    const row = await db.signingKey.findUnique({ where: { kid: params.kid } });
    if (!row) throw new AppError("not_found", "Signing key not found.", "inexistent_key");
    return { status: 200, body: presentSigningKey(row) };
  },
});

export const rotateSigningKeysOperation = defineOperation({
  method: "POST",
  path: "/keys/signing/rotate",
  summary: "Rotate the application signing key",
  scopes: ["create:signing_keys", "update:signing_keys"],
  scopeMode: "all",
  successStatus: 201,
  async handler({ db }) {
    const { current } = await rotateSigningKeys(db);
    keyStore(db).invalidate();
    return { status: 201, body: { cert: current.cert ?? undefined, kid: current.kid } };
  },
});

export const revokeSigningKeyOperation = defineOperation({
  method: "PUT",
  path: "/keys/signing/{kid}/revoke",
  summary: "Revoke an application signing key by its key id",
  scopes: ["update:signing_keys"],
  params: kidParams,
  successStatus: 200,
  async handler({ db, params }) {
    const row = await revokeSigningKey(db, params.kid).catch(mapKeyError);
    keyStore(db).invalidate();
    return { status: 200, body: { cert: row.cert ?? undefined, kid: row.kid } };
  },
});
