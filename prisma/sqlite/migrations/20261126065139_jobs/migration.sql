-- CreateTable
CREATE TABLE "jobs" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "connection_id" TEXT,
    "params" JSONB NOT NULL,
    "file_name" TEXT,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "checkpoint_records" INTEGER NOT NULL DEFAULT 0,
    "checkpoint_bytes" BIGINT NOT NULL DEFAULT 0,
    "work_total" BIGINT NOT NULL DEFAULT 0,
    "status_details" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" DATETIME,
    "completed_at" DATETIME,
    "lease_owner" TEXT,
    "lease_expires_at" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "job_errors" (
    "job_id" TEXT NOT NULL,
    "record_index" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "path" TEXT,
    "record" JSONB,

    PRIMARY KEY ("job_id", "record_index", "position"),
    CONSTRAINT "job_errors_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "jobs_status_created_at_idx" ON "jobs"("status", "created_at");

