-- AlterTable
ALTER TABLE "tenant_settings" ADD COLUMN "mfa" JSONB;

-- CreateTable
CREATE TABLE "authenticators" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "secret_encrypted" TEXT,
    "secret_hash" TEXT,
    "confirmed" BOOLEAN NOT NULL DEFAULT false,
    "last_used_step" INTEGER,
    "mfa_transaction_id" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" DATETIME,
    "last_used_at" DATETIME,
    CONSTRAINT "authenticators_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("user_id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "mfa_transactions" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "login_transaction_id" TEXT,
    "user_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "grant" JSONB,
    "verified_at" DATETIME,
    "recovery_code_encrypted" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME NOT NULL,
    "consumed_at" DATETIME,
    CONSTRAINT "mfa_transactions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("user_id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "authenticators_user_id_type_idx" ON "authenticators"("user_id", "type");

-- CreateIndex
CREATE UNIQUE INDEX "mfa_transactions_login_transaction_id_key" ON "mfa_transactions"("login_transaction_id");

-- CreateIndex
CREATE INDEX "mfa_transactions_user_id_idx" ON "mfa_transactions"("user_id");

-- CreateIndex
CREATE INDEX "mfa_transactions_expires_at_idx" ON "mfa_transactions"("expires_at");

