// A message box. Errors are announced when they appear (role="alert"); other tones are a polite
// status (role="status") only when `live` is set, so static notices do not interrupt.
import type { ReactNode } from "react";
import { classNames } from "./class-names.ts";

export type AlertProps = {
  tone?: "info" | "success" | "warning" | "error";
  title?: ReactNode;
  live?: boolean;
  id?: string;
  className?: string;
  children?: ReactNode;
};

const TONES = {
  info: { box: "border-sky-200 bg-sky-50 text-sky-950", icon: "ℹ" },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-950", icon: "✓" },
  warning: { box: "border-amber-200 bg-amber-50 text-amber-950", icon: "!" },
  error: { box: "border-red-200 bg-red-50 text-red-950", icon: "⚠" },
} as const;

export function Alert({ tone = "info", title, live = false, id, className, children }: AlertProps) {
  const role = tone === "error" ? "alert" : live ? "status" : undefined;
  return (
    <div id={id} role={role} className={classNames("flex gap-3 rounded-lg border p-4 text-sm", TONES[tone].box, className)}>
      <span aria-hidden="true" className="mt-px font-bold">
        {TONES[tone].icon}
      </span>
      <div className="flex min-w-0 flex-col gap-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className="break-words">{children}</div>}
      </div>
    </div>
  );
}
