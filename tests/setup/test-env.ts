// The environment every test file runs under. Fixed values, so the template database built once
// per run (tests/setup/global-*.ts) matches what each test file expects.
export const TEST_ISSUER = "https://gatehouse.test/";
export const TEST_DOMAIN = "gatehouse.test";
export const TEST_SECRET = "test-master-secret-0123456789-abcdefghijklmnopqrstuvwxyz";
export const TEST_BOOTSTRAP_CLIENT_ID = "test-bootstrap-client";
export const TEST_BOOTSTRAP_CLIENT_SECRET = "test-bootstrap-secret-0123456789-abcdefghijklmnop";
export const TEST_ADMIN_EMAIL = "operator@gatehouse.test";
export const TEST_ADMIN_PASSWORD = "Gatekeeper-Passw0rd!";

export function testEnvironment(dataDir: string, databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_ISSUER: TEST_ISSUER,
    GATEHOUSE_SECRET: TEST_SECRET,
    GATEHOUSE_BOOTSTRAP_CLIENT_ID: TEST_BOOTSTRAP_CLIENT_ID,
    GATEHOUSE_BOOTSTRAP_CLIENT_SECRET: TEST_BOOTSTRAP_CLIENT_SECRET,
    GATEHOUSE_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
    GATEHOUSE_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    // Fast hashes in tests (STYLE.md point 12); production defaults to 10.
    GATEHOUSE_BCRYPT_COST: "4",
    GATEHOUSE_HASH_WORKERS: "1",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  };
}

export const PG_ADMIN_URL = process.env.GATEHOUSE_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function pgUrlFor(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
