// Download of a finished users export through its signed, expiring link (lib/services/jobs/download-export.ts).
import { handleExportDownload } from "@/lib/services/jobs/download-export.ts";

export const dynamic = "force-dynamic";
export const GET = handleExportDownload;
