-- CreateTable
CREATE TABLE "uploaded_pictures" (
    "id" TEXT NOT NULL,
    "user_id" TEXT,
    "content_type" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "uploaded_pictures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "uploaded_pictures_user_id_idx" ON "uploaded_pictures"("user_id");

