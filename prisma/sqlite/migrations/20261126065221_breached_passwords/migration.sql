-- CreateTable
CREATE TABLE "breached_passwords" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "blocked" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,
    "detected_at" DATETIME NOT NULL,
    "notified_at" DATETIME,
    CONSTRAINT "breached_passwords_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("user_id") ON DELETE CASCADE ON UPDATE CASCADE
);

