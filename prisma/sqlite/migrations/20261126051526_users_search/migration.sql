-- CreateTable
CREATE TABLE "user_metadata_values" (
    "user_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "value_text" TEXT,
    "value_number" REAL,
    "value_bool" BOOLEAN,

    PRIMARY KEY ("user_id", "source", "path", "position"),
    CONSTRAINT "user_metadata_values_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("user_id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "user_blocks" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identifier" TEXT NOT NULL,
    "ip" TEXT,
    "connection_id" TEXT,
    "user_id" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_users" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "connection_id" TEXT NOT NULL,
    "email" TEXT,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "username" TEXT,
    "phone_number" TEXT,
    "phone_verified" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT,
    "nickname" TEXT,
    "given_name" TEXT,
    "family_name" TEXT,
    "picture" TEXT,
    "locale" TEXT,
    "user_metadata" JSONB NOT NULL,
    "app_metadata" JSONB NOT NULL,
    "blocked" BOOLEAN NOT NULL DEFAULT false,
    "logins_count" INTEGER NOT NULL DEFAULT 0,
    "last_login" DATETIME,
    "last_ip" TEXT,
    "last_password_reset" DATETIME,
    "multifactor" JSONB NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    "email_lower" TEXT,
    "email_domain" TEXT,
    "name_lower" TEXT,
    "given_name_lower" TEXT,
    "family_name_lower" TEXT,
    "nickname_lower" TEXT,
    "search_key" BIGINT NOT NULL,
    CONSTRAINT "users_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "connections" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Gatehouse: the new search columns are derived from the profile (SQLite's lower() folds ASCII
-- only; rows written from now on are folded by the application, Unicode included), and every user
-- gets a random positive 52-bit search_key.
INSERT INTO "new_users" ("app_metadata", "blocked", "connection_id", "created_at", "email", "email_verified", "family_name", "given_name", "last_ip", "last_login", "last_password_reset", "locale", "logins_count", "multifactor", "name", "nickname", "phone_number", "phone_verified", "picture", "updated_at", "user_id", "user_metadata", "username", "email_lower", "email_domain", "name_lower", "given_name_lower", "family_name_lower", "nickname_lower", "search_key") SELECT "app_metadata", "blocked", "connection_id", "created_at", "email", "email_verified", "family_name", "given_name", "last_ip", "last_login", "last_password_reset", "locale", "logins_count", "multifactor", "name", "nickname", "phone_number", "phone_verified", "picture", "updated_at", "user_id", "user_metadata", "username", lower("email"), CASE WHEN instr("email", '@') > 0 THEN lower(substr("email", instr("email", '@') + 1)) END, lower("name"), lower("given_name"), lower("family_name"), lower("nickname"), (random() & 4503599627370495) + 1 FROM "users";
DROP TABLE "users";
ALTER TABLE "new_users" RENAME TO "users";
CREATE UNIQUE INDEX "users_search_key_key" ON "users"("search_key");
CREATE INDEX "users_email_idx" ON "users"("email");
CREATE INDEX "users_created_at_user_id_idx" ON "users"("created_at", "user_id");
CREATE INDEX "users_updated_at_user_id_idx" ON "users"("updated_at", "user_id");
CREATE INDEX "users_last_login_user_id_idx" ON "users"("last_login", "user_id");
CREATE INDEX "users_logins_count_user_id_idx" ON "users"("logins_count", "user_id");
CREATE INDEX "users_phone_number_idx" ON "users"("phone_number");
CREATE INDEX "users_last_ip_idx" ON "users"("last_ip");
CREATE INDEX "users_username_idx" ON "users"("username");
CREATE INDEX "users_email_lower_idx" ON "users"("email_lower");
CREATE INDEX "users_email_domain_idx" ON "users"("email_domain");
CREATE INDEX "users_name_lower_idx" ON "users"("name_lower");
CREATE INDEX "users_given_name_lower_idx" ON "users"("given_name_lower");
CREATE INDEX "users_family_name_lower_idx" ON "users"("family_name_lower");
CREATE INDEX "users_nickname_lower_idx" ON "users"("nickname_lower");
CREATE UNIQUE INDEX "users_connection_id_email_key" ON "users"("connection_id", "email");
CREATE UNIQUE INDEX "users_connection_id_username_key" ON "users"("connection_id", "username");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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


-- Gatehouse: infix search (`name:*john*`) on SQLite. A contentless FTS5 table with the trigram
-- tokenizer, keyed by users.search_key, kept in step by triggers. Queries match the trigrams here
-- and re-check the pattern on users (lib/search). NOTE: a migration that redefines "users" (Prisma's
-- RedefineTables) drops these triggers with the table and must create them again;
-- tests/db/migrations.db.test.ts fails if they are missing.
CREATE VIRTUAL TABLE "users_trigram" USING fts5(
    "email_lower", "name_lower", "given_name_lower", "family_name_lower", "nickname_lower", "username",
    content='', contentless_delete=1, tokenize='trigram'
);
INSERT INTO "users_trigram" ("rowid", "email_lower", "name_lower", "given_name_lower", "family_name_lower", "nickname_lower", "username")
    SELECT "search_key", "email_lower", "name_lower", "given_name_lower", "family_name_lower", "nickname_lower", "username" FROM "users";
CREATE TRIGGER "users_trigram_insert" AFTER INSERT ON "users" BEGIN
    INSERT INTO "users_trigram" ("rowid", "email_lower", "name_lower", "given_name_lower", "family_name_lower", "nickname_lower", "username")
    VALUES (NEW."search_key", NEW."email_lower", NEW."name_lower", NEW."given_name_lower", NEW."family_name_lower", NEW."nickname_lower", NEW."username");
END;
CREATE TRIGGER "users_trigram_update" AFTER UPDATE OF "search_key", "email_lower", "name_lower", "given_name_lower", "family_name_lower", "nickname_lower", "username" ON "users" BEGIN
    DELETE FROM "users_trigram" WHERE "rowid" = OLD."search_key";
    INSERT INTO "users_trigram" ("rowid", "email_lower", "name_lower", "given_name_lower", "family_name_lower", "nickname_lower", "username")
    VALUES (NEW."search_key", NEW."email_lower", NEW."name_lower", NEW."given_name_lower", NEW."family_name_lower", NEW."nickname_lower", NEW."username");
END;
CREATE TRIGGER "users_trigram_delete" AFTER DELETE ON "users" BEGIN
    DELETE FROM "users_trigram" WHERE "rowid" = OLD."search_key";
END;
