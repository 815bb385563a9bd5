// Labelled form controls for the dashboard (light and dark): text input, textarea and select.
// The label is tied to the control; hint and error are referenced by aria-describedby and an
// error sets aria-invalid. They work with react-hook-form's register() (React 19 passes ref).
import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { classNames } from "@/components/ui/class-names.ts";

type Common = { id?: string; name: string; label: ReactNode; hint?: ReactNode; error?: string; describedBy?: string; className?: string };

export const CONTROL_CLASS =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500";

function ids(id: string, hint: unknown, error: unknown, describedBy?: string) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { hintId, errorId, described: [hintId, describedBy, errorId].filter(Boolean).join(" ") || undefined };
}

function Messages({ hint, hintId, error, errorId }: { hint?: ReactNode; hintId?: string; error?: string; errorId?: string }) {
  return (
    <>
      {hint && (
        <div id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </div>
      )}
      {error && (
        <p id={errorId} className="flex items-start gap-1 text-sm text-red-700 dark:text-red-400">
          <span aria-hidden="true">⚠</span>
          <span>{error}</span>
        </p>
      )}
    </>
  );
}

const LABEL = "text-sm font-medium text-slate-900 dark:text-slate-100";
const border = (error?: string) => (error ? "border-red-600" : "border-slate-300 dark:border-slate-700");

export function TextField({ id, name, label, hint, error, describedBy, className, ...rest }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> & { ref?: Ref<HTMLInputElement> }) {
  const inputId = id ?? name;
  const { hintId, errorId, described } = ids(inputId, hint, error, describedBy);
  return (
    <div className={classNames("flex flex-col gap-1.5", className)}>
      <label htmlFor={inputId} className={LABEL}>
        {label}
      </label>
      <input id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} className={classNames(CONTROL_CLASS, border(error))} {...rest} />
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

export function TextAreaField({ id, name, label, hint, error, describedBy, className, ...rest }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name"> & { ref?: Ref<HTMLTextAreaElement> }) {
  const inputId = id ?? name;
  const { hintId, errorId, described } = ids(inputId, hint, error, describedBy);
  return (
    <div className={classNames("flex flex-col gap-1.5", className)}>
      <label htmlFor={inputId} className={LABEL}>
        {label}
      </label>
      <textarea id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} className={classNames(CONTROL_CLASS, "font-mono text-[0.8125rem]", border(error))} {...rest} />
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}

export function SelectField({ id, name, label, hint, error, describedBy, className, children, ...rest }: Common & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name"> & { ref?: Ref<HTMLSelectElement> }) {
  const inputId = id ?? name;
  const { hintId, errorId, described } = ids(inputId, hint, error, describedBy);
  return (
    <div className={classNames("flex flex-col gap-1.5", className)}>
      <label htmlFor={inputId} className={LABEL}>
        {label}
      </label>
      <select id={inputId} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} className={classNames(CONTROL_CLASS, border(error))} {...rest}>
        {children}
      </select>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
}
