// A signing key in Auth0's `GET /api/v2/keys/signing` shape: public material only.
import { certificateThumbprints } from "../../crypto/self-signed-certificate.ts";
import type { SigningKeyRow } from "../../oidc/keys/signing-keys.ts";

function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, ""), "base64");
}

export function presentSigningKey(row: SigningKeyRow): Record<string, unknown> {
  const thumbprints = row.cert ? certificateThumbprints(derOf(row.cert)) : undefined;
  return {
    kid: row.kid,
    cert: row.cert ?? undefined,
    fingerprint: thumbprints?.fingerprint,
    thumbprint: thumbprints?.thumbprint,
    current: row.status === "current",
    next: row.status === "next",
    previous: row.status === "previous",
    revoked: row.status === "revoked",
    current_since: row.current_since?.toISOString(),
    current_until: row.current_until?.toISOString(),
    revoked_at: row.revoked_at?.toISOString(),
  };
}
