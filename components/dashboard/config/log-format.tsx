// Shared by the logs pages and the home page: how an event's type and date are shown.
import { Badge } from "@/components/dashboard/ui/layout-parts.tsx";
import { LOG_TYPES } from "@/lib/logs/log-types.ts";

/** UTC, to the second (components/dashboard/format.ts has minutes; events need seconds), the same on the server and in every browser: `2026-11-26 06:59:03 UTC`. */
export function formatEventTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function logTypeLabel(type: string): string {
  return (LOG_TYPES as Record<string, string>)[type] ?? type;
}

function tone(type: string): "success" | "danger" | "warning" | "neutral" {
  if (type.startsWith("f") || type === "limit_wc" || type === "limit_mu" || type === "pwd_leak") return "danger";
  if (type === "w" || type === "wum" || type.endsWith("imp")) return "warning";
  if (type.startsWith("s")) return "success";
  return "neutral";
}

export function EventTypeBadge({ type }: { type: string }) {
  return (
    <span title={logTypeLabel(type)}>
      <Badge tone={tone(type)}>{type}</Badge>
    </span>
  );
}
