-- CreateTable
CREATE TABLE "uploaded_pictures" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT,
    "content_type" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "uploaded_pictures_user_id_idx" ON "uploaded_pictures"("user_id");

