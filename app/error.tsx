"use client";
// Last-resort error page for pages and server actions. Shows no internals: only the digest Next
// attaches, which matches the server log line of the error.
import { Button } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto w-full max-w-md px-4 py-16">
      <Card title="Something went wrong" headingLevel={1}>
        <p className="text-sm text-slate-600">
          Gatehouse could not show this page. Try again; if it keeps failing, the server log has the details
          {error.digest ? (
            <>
              {" "}
              (reference <code className="font-mono text-xs">{error.digest}</code>)
            </>
          ) : null}
          .
        </p>
        <div className="mt-5">
          <Button onClick={reset}>Try again</Button>
        </div>
      </Card>
    </main>
  );
}
