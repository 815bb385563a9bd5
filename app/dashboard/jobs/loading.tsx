import { PageSkeleton } from "@/components/dashboard/ui/layout-parts.tsx";

export default function Loading() {
  return <PageSkeleton rows={5} label="Loading jobs…" />;
}
