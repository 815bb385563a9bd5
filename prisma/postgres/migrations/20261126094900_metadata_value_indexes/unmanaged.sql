-- Metadata value leaves cost less to write (lib/jobs/import/write-import-batch.ts, POST/PATCH
-- /users): the number and boolean indexes hold only the leaves that have such a value (a leaf has
-- one of text, number or boolean), so a leaf lands in two indexes instead of four. Every query
-- that reads them compares the value (`value_number = $1`, `>= $1`, `value_bool = $1`: strict
-- operators, which imply IS NOT NULL), so the planner still uses them. The text index stays whole:
-- `_exists_` (source + path, any value) reads it. Prisma's schema cannot declare a partial index.
DROP INDEX "user_metadata_values_source_path_value_number_user_id_idx";
CREATE INDEX "user_metadata_values_source_path_value_number_user_id_idx" ON "user_metadata_values"("source", "path" text_pattern_ops, "value_number", "user_id") WHERE "value_number" IS NOT NULL;
DROP INDEX "user_metadata_values_source_path_value_bool_user_id_idx";
CREATE INDEX "user_metadata_values_source_path_value_bool_user_id_idx" ON "user_metadata_values"("source", "path" text_pattern_ops, "value_bool", "user_id") WHERE "value_bool" IS NOT NULL;
