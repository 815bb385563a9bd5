import { ready } from "../../lib/boot/ready.ts";
import { tokenEndpoint } from "../../lib/oidc/token-endpoint.ts";
const db = await ready();
const params = { grant_type: "client_credentials", client_id: "bc", client_secret: "0123456789012345678901234567890123", audience: "http://localhost:3000/api/v2/" };
for (let i = 0; i < 5; i++) await tokenEndpoint(db, { authorization: null, params });
console.error("---- measured ----");
for (let i = 0; i < 3; i++) await tokenEndpoint(db, { authorization: null, params });
await db.$disconnect();
