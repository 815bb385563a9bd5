-- Gatehouse: trigram indexes for infix search (`name:*john*`). pg_trgm ships with PostgreSQL and
-- is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "users_created_at_idx";

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "email_domain" TEXT,
ADD COLUMN     "email_lower" TEXT,
ADD COLUMN     "family_name_lower" TEXT,
ADD COLUMN     "given_name_lower" TEXT,
ADD COLUMN     "name_lower" TEXT,
ADD COLUMN     "nickname_lower" TEXT,
ADD COLUMN     "search_key" BIGINT;

-- Gatehouse: derive the search columns of existing users; a random positive 52-bit search_key each.
UPDATE "users" SET
    "email_lower" = lower("email"),
    "email_domain" = CASE WHEN position('@' in "email") > 0 THEN lower(split_part("email", '@', 2)) END,
    "name_lower" = lower("name"),
    "given_name_lower" = lower("given_name"),
    "family_name_lower" = lower("family_name"),
    "nickname_lower" = lower("nickname"),
    "search_key" = floor(random() * 4503599627370495)::bigint + 1;
ALTER TABLE "users" ALTER COLUMN "search_key" SET NOT NULL;

-- CreateTable
CREATE TABLE "user_metadata_values" (
    "user_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "value_text" TEXT,
    "value_number" DOUBLE PRECISION,
    "value_bool" BOOLEAN,

    CONSTRAINT "user_metadata_values_pkey" PRIMARY KEY ("user_id","source","path","position")
);

-- CreateTable
CREATE TABLE "user_blocks" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "ip" TEXT,
    "connection_id" TEXT,
    "user_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3),

    CONSTRAINT "user_blocks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "user_metadata_values_source_path_value_text_idx" ON "user_metadata_values"("source", "path", "value_text");

-- CreateIndex
CREATE INDEX "user_metadata_values_source_path_value_number_idx" ON "user_metadata_values"("source", "path", "value_number");

-- CreateIndex
CREATE INDEX "user_metadata_values_source_path_value_bool_idx" ON "user_metadata_values"("source", "path", "value_bool");

-- CreateIndex
CREATE INDEX "user_blocks_identifier_idx" ON "user_blocks"("identifier");

-- CreateIndex
CREATE INDEX "user_blocks_user_id_idx" ON "user_blocks"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "users_search_key_key" ON "users"("search_key");

-- CreateIndex
CREATE INDEX "users_created_at_user_id_idx" ON "users"("created_at", "user_id");

-- CreateIndex
CREATE INDEX "users_updated_at_user_id_idx" ON "users"("updated_at", "user_id");

-- CreateIndex
CREATE INDEX "users_last_login_user_id_idx" ON "users"("last_login", "user_id");

-- CreateIndex
CREATE INDEX "users_logins_count_user_id_idx" ON "users"("logins_count", "user_id");

-- CreateIndex
CREATE INDEX "users_phone_number_idx" ON "users"("phone_number");

-- CreateIndex
CREATE INDEX "users_last_ip_idx" ON "users"("last_ip");

-- CreateIndex
CREATE INDEX "users_username_idx" ON "users"("username");

-- CreateIndex
CREATE INDEX "users_email_lower_idx" ON "users"("email_lower");

-- CreateIndex
CREATE INDEX "users_email_domain_idx" ON "users"("email_domain");

-- CreateIndex
CREATE INDEX "users_name_lower_idx" ON "users"("name_lower");

-- CreateIndex
CREATE INDEX "users_given_name_lower_idx" ON "users"("given_name_lower");

-- CreateIndex
CREATE INDEX "users_family_name_lower_idx" ON "users"("family_name_lower");

-- CreateIndex
CREATE INDEX "users_nickname_lower_idx" ON "users"("nickname_lower");

-- CreateIndex
CREATE INDEX "users_email_lower_trgm" ON "users" USING GIN ("email_lower" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "users_name_lower_trgm" ON "users" USING GIN ("name_lower" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "users_given_name_lower_trgm" ON "users" USING GIN ("given_name_lower" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "users_family_name_lower_trgm" ON "users" USING GIN ("family_name_lower" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "users_nickname_lower_trgm" ON "users" USING GIN ("nickname_lower" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "users_username_trgm" ON "users" USING GIN ("username" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "user_metadata_values" ADD CONSTRAINT "user_metadata_values_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

