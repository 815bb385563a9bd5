-- CreateTable
CREATE TABLE "linked_identity_credentials" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "provider_user_id" TEXT NOT NULL,
    "email_lower" TEXT,
    "username" TEXT,
    "hash" TEXT,
    "password_history" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "linked_identity_credentials_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "linked_identity_credentials_connection_id_email_lower_idx" ON "linked_identity_credentials"("connection_id", "email_lower");

-- CreateIndex
CREATE INDEX "linked_identity_credentials_connection_id_username_idx" ON "linked_identity_credentials"("connection_id", "username");

-- CreateIndex
CREATE INDEX "linked_identity_credentials_user_id_idx" ON "linked_identity_credentials"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "linked_identity_credentials_connection_id_provider_user_id_key" ON "linked_identity_credentials"("connection_id", "provider_user_id");

-- AddForeignKey
ALTER TABLE "linked_identity_credentials" ADD CONSTRAINT "linked_identity_credentials_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "linked_identity_credentials" ADD CONSTRAINT "linked_identity_credentials_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

