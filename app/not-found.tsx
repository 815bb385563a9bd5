// 404 for any unknown path, in the hosted pages' look.
import Link from "next/link";
import { Wordmark } from "@/components/hosted/wordmark.tsx";
import { Card } from "@/components/ui/card.tsx";

export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-10 sm:py-16">
      <header className="mb-8">
        <Wordmark />
      </header>
      <main id="main" className="w-full max-w-md">
        <Card title="Page not found" headingLevel={1}>
          <p className="text-sm text-slate-600">There is nothing at this address.</p>
          <p className="mt-4 text-sm">
            <Link href="/" className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
              Go to the Gatehouse home page
            </Link>
          </p>
        </Card>
      </main>
    </div>
  );
}
