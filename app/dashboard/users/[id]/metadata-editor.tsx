"use client";
// An editor for user_metadata or app_metadata. The operator edits the whole object as JSON; the
// editor checks it as they type (JSON syntax, then the API's key rules: lib/schemas/users.ts) and
// shows what the save will do: the Management API merges metadata at the first level (a key given
// replaces the stored one, `null` deletes it: lib/services/users/merge-metadata.ts), so the save
// sends only the keys that changed, with `null` for removed ones, and the preview is the merge of
// that patch into what is stored. A refused save keeps the text.
import { useMemo, useState } from "react";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { TextAreaField } from "@/components/dashboard/ui/field.tsx";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { parseMetadataText, type MetadataField } from "@/lib/dashboard/users/metadata-text.ts";
import { mergeMetadata } from "@/lib/services/users/merge-metadata.ts";
import { updateMetadataAction } from "./actions.ts";

type Change = { key: string; kind: "added" | "changed" | "removed" };

function patchFor(stored: Record<string, unknown>, edited: Record<string, unknown>): { patch: Record<string, unknown>; changes: Change[] } {
  const patch: Record<string, unknown> = {};
  const changes: Change[] = [];
  for (const [key, value] of Object.entries(edited)) {
    if (!Object.hasOwn(stored, key)) {
      patch[key] = value;
      changes.push({ key, kind: "added" });
    } else if (JSON.stringify(stored[key]) !== JSON.stringify(value)) {
      patch[key] = value;
      changes.push({ key, kind: value === null ? "removed" : "changed" });
    }
  }
  for (const key of Object.keys(stored))
    if (!Object.hasOwn(edited, key)) {
      patch[key] = null;
      changes.push({ key, kind: "removed" });
    }
  return { patch, changes };
}

const KIND_STYLE = { added: "text-emerald-700 dark:text-emerald-400", changed: "text-amber-700 dark:text-amber-400", removed: "text-red-700 dark:text-red-400" } as const;

export function MetadataEditor({ csrfToken, userId, field, stored, readOnlyReason }: { csrfToken: string; userId: string; field: MetadataField; stored: Record<string, unknown>; readOnlyReason?: string }) {
  const initial = useMemo(() => JSON.stringify(stored, null, 2), [stored]);
  const [text, setText] = useState(initial);
  const [serverError, setServerError] = useState<string>();
  const { run, pending } = useDashboardAction();
  const parsed = parseMetadataText(field, text, true);
  const plan = parsed.value ? patchFor(stored, parsed.value) : null;
  const error = parsed.error ?? serverError;
  const id = `${field}-editor`;

  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (!plan || plan.changes.length === 0) return;
        setServerError(undefined);
        void run(() => updateMetadataAction(csrfToken, userId, field, plan.patch), { onError: (r) => setServerError(r.fieldErrors?.[field] ?? r.error) });
      }}
    >
      <TextAreaField
        id={id}
        name={field}
        label={field}
        rows={Math.min(20, Math.max(6, text.split("\n").length + 1))}
        spellCheck={false}
        value={text}
        readOnly={readOnlyReason !== undefined}
        onChange={(event) => {
          setText(event.target.value);
          setServerError(undefined);
        }}
        error={error}
        hint={readOnlyReason ?? "A JSON object. Keys must not contain “.” or “$”."}
      />
      {plan && (
        <div className="flex flex-col gap-2 rounded-md bg-slate-50 p-3 text-xs ring-1 ring-slate-200 dark:bg-slate-950 dark:ring-slate-800" data-testid={`${field}-preview`}>
          {plan.changes.length === 0 ? (
            <p className="text-slate-600 dark:text-slate-400">No changes.</p>
          ) : (
            <>
              <p className="font-medium text-slate-700 dark:text-slate-300">Saving sends this merge patch (top-level keys; null deletes a key):</p>
              <ul className="flex flex-wrap gap-x-4 gap-y-1">
                {plan.changes.map((change) => (
                  <li key={change.key} className={KIND_STYLE[change.kind]}>
                    <span aria-hidden="true">{change.kind === "added" ? "+ " : change.kind === "removed" ? "− " : "~ "}</span>
                    <code>{change.key}</code> {change.kind}
                  </li>
                ))}
              </ul>
              <details>
                <summary className="cursor-pointer text-slate-700 dark:text-slate-300">Patch and result</summary>
                <div className="mt-2 grid grid-cols-1 gap-2 lg:grid-cols-2">
                  <pre className="overflow-x-auto rounded bg-white p-2 dark:bg-slate-900">{JSON.stringify(plan.patch, null, 2)}</pre>
                  <pre className="overflow-x-auto rounded bg-white p-2 dark:bg-slate-900">{JSON.stringify(mergeMetadata(stored, plan.patch), null, 2)}</pre>
                </div>
              </details>
            </>
          )}
        </div>
      )}
      {readOnlyReason === undefined && (
        <div className="flex gap-2">
          <DashboardButton type="submit" size="sm" disabled={!plan || plan.changes.length === 0} pending={pending} pendingLabel="Saving…">
            Save {field}
          </DashboardButton>
          <DashboardButton size="sm" variant="ghost" disabled={text === initial || pending} onClick={() => setText(initial)}>
            Reset
          </DashboardButton>
        </div>
      )}
    </form>
  );
}
