// Shown in place of a page's content when the database cannot be reached (or the instance failed to
// start). Nothing internal is shown: the details are in the server log.
import { Alert } from "@/components/ui/alert.tsx";

export function ServiceUnavailable({ message }: { message?: string | undefined }) {
  return (
    <Alert tone="warning" title="Database unavailable">
      <p>{message ?? "Gatehouse cannot reach its database right now."} It retries by itself; reload this page in a moment.</p>
      <p className="mt-1">Operators: the server log says why.</p>
    </Alert>
  );
}
