"use client";
// Which database connections are enabled for the application (PATCH /connections/{id}/clients).
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/dashboard/config/checkbox-field.tsx";
import { useDashboardAction } from "@/components/dashboard/use-dashboard-action.ts";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { EmptyState } from "@/components/dashboard/ui/layout-parts.tsx";
import { updateApplicationConnectionsAction } from "../actions.ts";

type Connection = { id: string; name: string; enabled: boolean };

export function ApplicationConnectionsForm({ csrfToken, clientId, connections }: { csrfToken: string; clientId: string; connections: Connection[] }) {
  const { pending, run } = useDashboardAction();
  const form = useForm<{ enabled: string[] }>({ defaultValues: { enabled: connections.filter((c) => c.enabled).map((c) => c.id) } });
  if (connections.length === 0) return <EmptyState title="No database connections">Create a connection first.</EmptyState>;
  return (
    <form
      aria-label="Enabled connections"
      className="flex flex-col gap-3"
      onSubmit={form.handleSubmit((values) => {
        const changes = connections.filter((c) => values.enabled.includes(c.id) !== c.enabled).map((c) => ({ connection_id: c.id, enabled: values.enabled.includes(c.id) }));
        run(() => updateApplicationConnectionsAction(csrfToken, clientId, changes), { onSuccess: () => form.reset(values) });
      })}
    >
      {connections.map((c) => (
        <CheckboxField key={c.id} label={c.name} value={c.id} {...form.register("enabled")} />
      ))}
      <div>
        <DashboardButton type="submit" pending={pending} pendingLabel="Saving…">
          Save connections
        </DashboardButton>
      </div>
    </form>
  );
}
