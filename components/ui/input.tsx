// A labelled text input with optional hint and error text. The label is tied to the input
// (htmlFor/id); hint and error are referenced by aria-describedby, and an error sets aria-invalid,
// so screen readers read them when the field takes focus. `describedBy` adds more ids (e.g. a
// password-rules list). `required` is conveyed by the attribute (no visual asterisk: hosted forms
// ask only for what they need). Works with react-hook-form's register() (React 19 passes `ref` as a
// prop).
import type { InputHTMLAttributes, ReactNode, Ref } from "react";
import { classNames } from "./class-names.ts";

export type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  /** Defaults to `name`; must be unique on the page. */
  id?: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  describedBy?: string;
  ref?: Ref<HTMLInputElement>;
};

export function Input({ id, name, label, hint, error, describedBy, className, required, ...rest }: InputProps) {
  const inputId = id ?? name;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const described = [hintId, describedBy, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={classNames("flex flex-col gap-1.5", className)}>
      <label htmlFor={inputId} className="text-sm font-medium text-slate-900">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        className={classNames(
          "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400",
          // The focus ring is the global :focus-visible outline (app/globals.css), as on every control.
          "focus:border-brand-600",
          error ? "border-red-600" : "border-slate-300",
        )}
        {...rest}
      />
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="flex items-start gap-1 text-sm text-red-700">
          <span aria-hidden="true">⚠</span>
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
