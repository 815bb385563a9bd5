// A labelled checkbox (light and dark) that works with react-hook-form's register().
import type { InputHTMLAttributes, ReactNode, Ref } from "react";

export function CheckboxField({ label, hint, ref, ...rest }: { label: ReactNode; hint?: ReactNode; ref?: Ref<HTMLInputElement> } & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" ref={ref} className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 dark:border-slate-600 dark:bg-slate-900" {...rest} />
      <span className="flex flex-col">
        <span className="font-medium text-slate-900 dark:text-slate-100">{label}</span>
        {hint && <span className="text-xs text-slate-600 dark:text-slate-400">{hint}</span>}
      </span>
    </label>
  );
}
