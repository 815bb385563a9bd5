import Link from "next/link";
import { EmptyState } from "@/components/dashboard/ui/layout-parts.tsx";

export default function UserNotFound() {
  return (
    <EmptyState title="This user does not exist" action={<Link href="/dashboard/users" className="text-sm font-medium underline">Back to the users</Link>}>
      It may have been deleted, or the link is incomplete.
    </EmptyState>
  );
}
