import { PageSkeleton } from "@/components/dashboard/ui/layout-parts.tsx";

export default function Loading() {
  return <PageSkeleton rows={6} label="Loading the user…" />;
}
