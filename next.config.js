// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or WASM-carrying packages are loaded by Node at run time, never bundled.
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "better-sqlite3",
    "pg",
    "pino",
    "bcryptjs",
  ],
  poweredByHeader: false,
  // Auth0's paths end without a slash (/authorize, /oauth/token), but the Management API audience
  // ends with one (`<issuer>api/v2/`). Never redirect between the two forms.
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
