"use client";
// Password strength feedback beside the policy rules (zxcvbn-ts): a five-step meter, a word for
// it, and zxcvbn's warning and first suggestion. Advice only: the connection's policy decides what
// is accepted. The estimator loads when the person starts typing, and runs after a short pause;
// the word is in a polite live region, so a screen reader hears changes without every keystroke.
import { useEffect, useState } from "react";
import type { PasswordStrength as Strength } from "./password-strength-checker.ts";

const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"] as const;
const COLORS = ["bg-red-600", "bg-orange-500", "bg-amber-500", "bg-emerald-500", "bg-emerald-700"] as const;

export function PasswordStrength({ id, password, userInputs }: { id: string; password: string; userInputs: string[] }) {
  const [strength, setStrength] = useState<Strength | null>(null);
  const inputsKey = userInputs.join("\u0000");

  useEffect(() => {
    if (!password) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void import("./password-strength-checker.ts").then(({ checkPasswordStrength }) => {
        if (!cancelled) setStrength(checkPasswordStrength(password, inputsKey.split("\u0000")));
      });
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [password, inputsKey]);

  const shown = password ? strength : null;
  return (
    <div id={id} className="flex flex-col gap-1.5" data-score={shown?.score ?? ""}>
      <div className="flex gap-1" aria-hidden="true">
        {LABELS.map((_, i) => (
          <span key={i} className={`h-1.5 flex-1 rounded-full ${shown && i <= shown.score ? COLORS[shown.score] : "bg-slate-200"}`} />
        ))}
      </div>
      <p className="text-xs text-slate-700" aria-live="polite" data-testid="password-strength">
        {shown ? (
          <>
            Strength: <span className="font-medium">{LABELS[shown.score]}</span>
          </>
        ) : (
          "Strength: type a password"
        )}
      </p>
      {shown && (shown.warning || shown.suggestions[0]) && (
        <p className="text-xs text-slate-600">{[shown.warning, shown.suggestions[0]].filter(Boolean).join(" ")}</p>
      )}
    </div>
  );
}
