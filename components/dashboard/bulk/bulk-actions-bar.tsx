"use client";
// Bulk actions on the WHOLE search result (every page, not only the visible one): choose an action,
// then a confirmation dialog shows the exact number of users the job will touch (counted on the
// server at that moment: the job's snapshot, see lib/jobs/bulk/users-bulk-params.ts). Confirming
// starts a background job and opens its page on the Jobs screen.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { previewBulkActionAction, startBulkActionAction, startExportAction } from "@/app/dashboard/jobs/actions.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField, TextField } from "@/components/dashboard/ui/field.tsx";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { formatCount } from "@/components/dashboard/format.ts";

type Choice = "block" | "unblock" | "delete" | "assign_role" | "remove_role" | "export";
const VERBS: Record<Choice, string> = {
  block: "Block",
  unblock: "Unblock",
  delete: "Delete",
  assign_role: "Assign a role to",
  remove_role: "Remove a role from",
  export: "Export",
};

export function BulkActionsBar({ csrfToken, listQuery, total, roles }: { csrfToken: string; listQuery: string; total: number; roles: { id: string; name: string }[] }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const { run, pending } = useDashboardAction();
  const [choice, setChoice] = useState<Choice>("block");
  const [roleId, setRoleId] = useState(roles[0]?.id ?? "");
  const [format, setFormat] = useState<"json" | "csv">("json");
  const [fields, setFields] = useState("");
  const [preview, setPreview] = useState<{ count: number; created_before: string } | null>(null);
  const needsRole = choice === "assign_role" || choice === "remove_role";
  const roleName = roles.find((r) => r.id === roleId)?.name ?? "";

  const open = () =>
    run(() => previewBulkActionAction(csrfToken, listQuery), {
      refresh: false,
      onSuccess: (result) => {
        setPreview(result.data ?? null);
        dialog.current?.showModal();
      },
    });
  const confirm = () => {
    if (!preview) return;
    const done = (result: { data?: { id: string } }) => {
      dialog.current?.close();
      if (result.data) router.push(`/dashboard/jobs/${result.data.id}`);
    };
    if (choice === "export") void run(() => startExportAction(csrfToken, { listQuery, format, ...(fields.trim() ? { fields } : {}) }), { refresh: false, onSuccess: done });
    else void run(() => startBulkActionAction(csrfToken, { listQuery, action: choice, ...(needsRole ? { role_id: roleId } : {}), created_before: preview.created_before, expected: preview.count }), { refresh: false, onSuccess: done });
  };

  return (
    <section aria-label="Bulk actions" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <SelectField name="bulk_action" label="Bulk action on all results" value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
        {(Object.keys(VERBS) as Choice[]).map((c) => (
          <option key={c} value={c}>
            {c === "export" ? "Export" : VERBS[c]}
          </option>
        ))}
      </SelectField>
      {needsRole && (
        <SelectField name="bulk_role" label="Role" value={roleId} onChange={(e) => setRoleId(e.target.value)}>
          {roles.length === 0 && <option value="">No roles</option>}
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
      )}
      {choice === "export" && (
        <>
          <SelectField name="bulk_format" label="Format" value={format} onChange={(e) => setFormat(e.target.value as "json" | "csv")}>
            <option value="json">JSON (NDJSON)</option>
            <option value="csv">CSV</option>
          </SelectField>
          <TextField name="bulk_fields" label="Fields (optional)" placeholder="email, name, user_metadata.plan" value={fields} onChange={(e) => setFields(e.target.value)} />
        </>
      )}
      <DashboardButton variant={choice === "delete" ? "danger" : "secondary"} onClick={() => void open()} pending={pending && !preview} disabled={(needsRole && !roleId) || total === 0}>
        Apply to all {formatCount(total)} results…
      </DashboardButton>
      <dialog ref={dialog} aria-labelledby="bulk-confirm-title" className="m-auto max-w-md rounded-xl p-6 shadow-xl backdrop:bg-slate-900/50 dark:bg-slate-900 dark:text-slate-100" onClose={() => setPreview(null)}>
        <h2 id="bulk-confirm-title" className="text-lg font-semibold">
          Confirm bulk action
        </h2>
        {preview && (
          <p className="mt-3 text-sm" data-testid="bulk-confirm-count">
            {VERBS[choice]} <strong>{formatCount(preview.count)}</strong> {preview.count === 1 ? "user" : "users"}
            {needsRole ? <> (role “{roleName}”)</> : null}: every user of this search, counted now. Users created after this confirmation are not
            included.{choice === "delete" ? " Deleting cannot be undone." : ""}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <DashboardButton variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </DashboardButton>
          <DashboardButton variant={choice === "delete" ? "danger" : "primary"} onClick={confirm} pending={pending && !!preview} disabled={!preview || preview.count === 0} pendingLabel="Starting…">
            {VERBS[choice]} {preview ? formatCount(preview.count) : ""} users
          </DashboardButton>
        </div>
      </dialog>
    </section>
  );
}
