// A surface for a form or a block of content, with an optional heading and description.
import type { ReactNode } from "react";
import { classNames } from "./class-names.ts";

export type CardProps = {
  title?: ReactNode;
  description?: ReactNode;
  /** Heading level of the title; 1 for the main card of a page. */
  headingLevel?: 1 | 2 | 3;
  className?: string;
  children?: ReactNode;
};

export function Card({ title, description, headingLevel = 2, className, children }: CardProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section className={classNames("rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8", className)}>
      {(title || description) && (
        <header className="mb-6 flex flex-col gap-1">
          {title && <Heading className="text-xl font-semibold tracking-tight text-slate-900">{title}</Heading>}
          {description && <div className="text-sm text-slate-600">{description}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
