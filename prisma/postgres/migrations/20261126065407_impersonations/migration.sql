-- CreateTable
CREATE TABLE "impersonations" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_name" TEXT,
    "actor_sub" TEXT NOT NULL,
    "actor_email" TEXT,
    "reason" TEXT NOT NULL,
    "redirect_uri" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "link_hash" TEXT NOT NULL,
    "link_expires_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "session_id" TEXT,
    "ended_at" TIMESTAMP(3),
    "end_reason" TEXT,
    "ended_by" TEXT,

    CONSTRAINT "impersonations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "impersonations_link_hash_key" ON "impersonations"("link_hash");

-- CreateIndex
CREATE INDEX "impersonations_user_id_created_at_idx" ON "impersonations"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "impersonations_actor_sub_created_at_idx" ON "impersonations"("actor_sub", "created_at");

-- CreateIndex
CREATE INDEX "impersonations_ended_at_expires_at_idx" ON "impersonations"("ended_at", "expires_at");
