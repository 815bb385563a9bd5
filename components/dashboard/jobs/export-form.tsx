"use client";
// Start an export of every user (format, optional fields); the users list exports a search result.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { startExportAction } from "@/app/dashboard/jobs/actions.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField, TextField } from "@/components/dashboard/ui/field.tsx";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";

export function ExportForm({ csrfToken }: { csrfToken: string }) {
  const router = useRouter();
  const { run, pending } = useDashboardAction();
  const [format, setFormat] = useState<"json" | "csv">("json");
  const [fields, setFields] = useState("");
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => startExportAction(csrfToken, { format, ...(fields.trim() ? { fields } : {}) }), {
          refresh: false,
          onSuccess: (result) => result.data && router.push(`/dashboard/jobs/${result.data.id}`),
        });
      }}
    >
      <SelectField name="export_format" label="Format" value={format} onChange={(e) => setFormat(e.target.value as "json" | "csv")}>
        <option value="json">JSON (NDJSON)</option>
        <option value="csv">CSV</option>
      </SelectField>
      <TextField name="export_fields" label="Fields (optional, comma-separated)" placeholder="user_id, email, name, user_metadata.plan" value={fields} onChange={(e) => setFields(e.target.value)} />
      <div>
        <DashboardButton type="submit" pending={pending} pendingLabel="Starting…">
          Export users
        </DashboardButton>
      </div>
    </form>
  );
}
