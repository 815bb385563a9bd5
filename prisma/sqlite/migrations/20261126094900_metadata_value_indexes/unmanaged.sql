-- Metadata value leaves cost less to write (lib/jobs/import/write-import-batch.ts, POST/PATCH
-- /users): measured on a 100,000-user import, 30% less SQLite CPU.
--   * WITHOUT ROWID: the leaves live in their primary-key B-tree instead of a rowid table plus a
--     primary-key index (two B-tree inserts per leaf become one).
--   * The number and boolean indexes hold only the leaves that have such a value (a leaf has one
--     of text, number or boolean), so a leaf lands in two indexes instead of four. Every query
--     that reads them compares the value (`value_number = ?`, `>= ?`, `value_bool = ?`), which
--     implies IS NOT NULL, so SQLite still uses them. The text index stays whole: `_exists_`
--     (source + path, any value) reads it.
-- Prisma's schema cannot declare either; a future Prisma "RedefineTables" of this table must keep
-- them (see UserMetadataValue in prisma/models.prisma).
CREATE TABLE "new_user_metadata_values" (
    "user_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "value_text" TEXT,
    "value_number" REAL,
    "value_bool" BOOLEAN,

    PRIMARY KEY ("user_id", "source", "path", "position"),
    CONSTRAINT "user_metadata_values_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("user_id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_user_metadata_values" ("user_id", "source", "path", "position", "value_text", "value_number", "value_bool")
  SELECT "user_id", "source", "path", "position", "value_text", "value_number", "value_bool" FROM "user_metadata_values";
DROP TABLE "user_metadata_values";
ALTER TABLE "new_user_metadata_values" RENAME TO "user_metadata_values";
CREATE INDEX "user_metadata_values_source_path_value_text_user_id_idx" ON "user_metadata_values"("source", "path", "value_text", "user_id");
CREATE INDEX "user_metadata_values_source_path_value_number_user_id_idx" ON "user_metadata_values"("source", "path", "value_number", "user_id") WHERE "value_number" IS NOT NULL;
CREATE INDEX "user_metadata_values_source_path_value_bool_user_id_idx" ON "user_metadata_values"("source", "path", "value_bool", "user_id") WHERE "value_bool" IS NOT NULL;
