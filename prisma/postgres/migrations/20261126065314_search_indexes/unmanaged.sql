-- Indexes Prisma cannot declare (a btree operator class does not round-trip through its schema
-- diff), applied by lib/db/migrate.ts right after migration.sql, in the same transaction. See the
-- User and UserMetadataValue models in prisma/models.prisma for why they exist.

-- CreateIndex
CREATE INDEX "user_metadata_values_source_path_value_text_user_id_idx" ON "user_metadata_values"("source", "path" text_pattern_ops, "value_text", "user_id");

-- CreateIndex
CREATE INDEX "user_metadata_values_source_path_value_number_user_id_idx" ON "user_metadata_values"("source", "path" text_pattern_ops, "value_number", "user_id");

-- CreateIndex
CREATE INDEX "user_metadata_values_source_path_value_bool_user_id_idx" ON "user_metadata_values"("source", "path" text_pattern_ops, "value_bool", "user_id");

-- CreateIndex
CREATE INDEX "users_email_lower_user_id_idx" ON "users"("email_lower" text_pattern_ops, "user_id");

-- CreateIndex
CREATE INDEX "users_email_domain_user_id_idx" ON "users"("email_domain" text_pattern_ops, "user_id");

-- CreateIndex
CREATE INDEX "users_name_lower_user_id_idx" ON "users"("name_lower" text_pattern_ops, "user_id");

-- CreateIndex
CREATE INDEX "users_given_name_lower_user_id_idx" ON "users"("given_name_lower" text_pattern_ops, "user_id");

-- CreateIndex
CREATE INDEX "users_family_name_lower_user_id_idx" ON "users"("family_name_lower" text_pattern_ops, "user_id");

-- CreateIndex
CREATE INDEX "users_nickname_lower_user_id_idx" ON "users"("nickname_lower" text_pattern_ops, "user_id");

-- CreateIndex
CREATE INDEX "users_username_user_id_idx" ON "users"("username" text_pattern_ops, "user_id");
