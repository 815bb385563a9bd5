// Layout of the hosted pages end users and operators see (setup now; login, signup, consent and
// password reset later): one centred column with the product mark above the page's card.
import type { ReactNode } from "react";
import { Wordmark } from "@/components/hosted/wordmark.tsx";

export default function HostedLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-10 sm:py-16">
      <header className="mb-8">
        <Wordmark />
      </header>
      <main id="main" className="w-full max-w-md">
        {children}
      </main>
    </div>
  );
}
