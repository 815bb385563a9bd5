-- CreateTable
CREATE TABLE "notification_digests" (
    "kind" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "period_start" DATETIME NOT NULL,
    "period_end" DATETIME NOT NULL,
    "detections" INTEGER NOT NULL DEFAULT 0,
    "recipients" INTEGER NOT NULL DEFAULT 0,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" DATETIME,

    PRIMARY KEY ("kind", "frequency", "period_start")
);

