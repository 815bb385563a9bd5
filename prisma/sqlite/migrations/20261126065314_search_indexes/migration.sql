-- DropIndex
DROP INDEX "user_identities_connection_id_idx";

-- DropIndex
DROP INDEX "user_metadata_values_source_path_value_bool_idx";

-- DropIndex
DROP INDEX "user_metadata_values_source_path_value_number_idx";

-- DropIndex
DROP INDEX "user_metadata_values_source_path_value_text_idx";

-- DropIndex
DROP INDEX "users_nickname_lower_idx";

-- DropIndex
DROP INDEX "users_family_name_lower_idx";

-- DropIndex
DROP INDEX "users_given_name_lower_idx";

-- DropIndex
DROP INDEX "users_name_lower_idx";

-- DropIndex
DROP INDEX "users_email_domain_idx";

-- DropIndex
DROP INDEX "users_email_lower_idx";

-- DropIndex
DROP INDEX "users_username_idx";

-- CreateIndex
CREATE INDEX "user_identities_connection_id_user_id_idx" ON "user_identities"("connection_id", "user_id");

-- CreateIndex
CREATE INDEX "user_metadata_values_source_path_value_text_user_id_idx" ON "user_metadata_values"("source", "path", "value_text", "user_id");

-- CreateIndex
CREATE INDEX "user_metadata_values_source_path_value_number_user_id_idx" ON "user_metadata_values"("source", "path", "value_number", "user_id");

-- CreateIndex
CREATE INDEX "user_metadata_values_source_path_value_bool_user_id_idx" ON "user_metadata_values"("source", "path", "value_bool", "user_id");

-- CreateIndex
CREATE INDEX "users_email_lower_user_id_idx" ON "users"("email_lower", "user_id");

-- CreateIndex
CREATE INDEX "users_email_domain_user_id_idx" ON "users"("email_domain", "user_id");

-- CreateIndex
CREATE INDEX "users_name_lower_user_id_idx" ON "users"("name_lower", "user_id");

-- CreateIndex
CREATE INDEX "users_given_name_lower_user_id_idx" ON "users"("given_name_lower", "user_id");

-- CreateIndex
CREATE INDEX "users_family_name_lower_user_id_idx" ON "users"("family_name_lower", "user_id");

-- CreateIndex
CREATE INDEX "users_nickname_lower_user_id_idx" ON "users"("nickname_lower", "user_id");

-- CreateIndex
CREATE INDEX "users_username_user_id_idx" ON "users"("username", "user_id");

