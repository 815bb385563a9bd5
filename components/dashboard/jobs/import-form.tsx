"use client";
// Upload an import file (NDJSON or a JSON array, Auth0's format) into a database connection. The
// file is POSTed as multipart to /dashboard/jobs/import-upload (a route handler streaming it to disk).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField } from "@/components/dashboard/ui/field.tsx";
import { useToast } from "@/components/dashboard/toast.tsx";

export function ImportForm({ csrfToken, connections }: { csrfToken: string; connections: { id: string; name: string }[] }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        setError(undefined);
        const form = new FormData(event.currentTarget);
        const body = new FormData();
        body.append("connection_id", String(form.get("connection_id") ?? ""));
        body.append("upsert", form.get("upsert") ? "true" : "false");
        body.append("send_completion_email", "false");
        const file = form.get("users");
        if (!(file instanceof File) || file.size === 0) {
          setError("Choose a file to import.");
          return;
        }
        body.append("users", file, file.name);
        setPending(true);
        try {
          const response = await fetch("/dashboard/jobs/import-upload", { method: "POST", headers: { "x-csrf-token": csrfToken }, body });
          const result = (await response.json().catch(() => ({}))) as { id?: string; error?: string };
          if (!response.ok || !result.id) throw new Error(result.error ?? "The upload failed.");
          toast.success("Import started.");
          router.push(`/dashboard/jobs/${result.id}`);
        } catch (caught) {
          const message = caught instanceof Error ? caught.message : "The upload failed.";
          setError(message);
          toast.error(message);
        } finally {
          setPending(false);
        }
      }}
    >
      <SelectField name="connection_id" label="Database connection">
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="import-file" className="text-sm font-medium text-slate-900 dark:text-slate-100">
          Users file (JSON array or NDJSON)
        </label>
        <input id="import-file" name="users" type="file" accept=".json,.ndjson,.jsonl,application/json" className="text-sm" />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="upsert" /> Update users that already exist (upsert)
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <div>
        <DashboardButton type="submit" pending={pending} pendingLabel="Uploading…">
          Import users
        </DashboardButton>
      </div>
    </form>
  );
}
