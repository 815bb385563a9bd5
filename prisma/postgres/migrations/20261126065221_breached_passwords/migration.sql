-- CreateTable
CREATE TABLE "breached_passwords" (
    "user_id" TEXT NOT NULL,
    "blocked" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,
    "detected_at" TIMESTAMP(3) NOT NULL,
    "notified_at" TIMESTAMP(3),

    CONSTRAINT "breached_passwords_pkey" PRIMARY KEY ("user_id")
);

-- AddForeignKey
ALTER TABLE "breached_passwords" ADD CONSTRAINT "breached_passwords_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

