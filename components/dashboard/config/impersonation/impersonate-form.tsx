"use client";
// "Sign in as this user": choose the application, give a reason, choose the time box. The server
// action returns a one-time login link, opened in a new tab, so the dashboard stays where it is.
import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { useToast } from "@/components/dashboard/toast.tsx";
import { DashboardButton } from "@/components/dashboard/ui/button.tsx";
import { SelectField, TextAreaField, TextField } from "@/components/dashboard/ui/field.tsx";
import { impersonationFormSchema, IMPERSONATION_DEFAULT_SECONDS, IMPERSONATION_MAX_SECONDS, type ImpersonationFormInput } from "@/lib/schemas/impersonation.ts";
import type { ImpersonationTarget } from "@/lib/services/impersonation/list-impersonation-targets.ts";
import { startImpersonationAction } from "./actions.ts";

type FormValues = { client_id: string; reason: string; minutes: unknown };

export function ImpersonateForm({ csrfToken, userId, userLabel, targets }: { csrfToken: string; userId: string; userLabel: string; targets: ImpersonationTarget[] }) {
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [link, setLink] = useState<{ url: string; application: string; expires_at: string } | null>(null);
  const form = useForm<FormValues, unknown, ImpersonationFormInput>({
    resolver: zodResolver(impersonationFormSchema),
    defaultValues: { client_id: targets[0]?.client_id ?? "", reason: "", minutes: IMPERSONATION_DEFAULT_SECONDS / 60 },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) =>
    startTransition(async () => {
      const result = await startImpersonationAction(csrfToken, userId, values);
      if (!result.ok) {
        for (const [field, message] of Object.entries(result.fieldErrors ?? {})) form.setError(field as keyof FormValues, { message });
        toast.error(result.error);
        return;
      }
      setLink({ url: result.data!.login_url, application: result.data!.application, expires_at: result.data!.expires_at });
      toast.success(result.message);
    }),
  );

  if (targets.length === 0)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No application can be signed in to as this user: impersonation needs an application with the authorization code grant, a callback URL, a client secret
        (not a public client) and the user&apos;s connection enabled.
      </p>
    );

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} noValidate className="grid grid-cols-1 gap-4 md:grid-cols-2" aria-label="Sign in as this user">
        <SelectField label="Application" {...form.register("client_id")} error={errors.client_id?.message}>
          {targets.map((t) => (
            <option key={t.client_id} value={t.client_id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Time box (minutes)"
          type="number"
          min={1}
          max={IMPERSONATION_MAX_SECONDS / 60}
          hint="The session and every token end then, at the latest."
          {...form.register("minutes")}
          error={errors.minutes?.message}
        />
        <TextAreaField
          className="md:col-span-2"
          label="Reason"
          rows={2}
          hint={`Recorded with the impersonation and in the logs; ${userLabel} can be told.`}
          {...form.register("reason")}
          error={errors.reason?.message}
        />
        <div className="md:col-span-2">
          <DashboardButton type="submit" pending={pending} pendingLabel="Preparing sign-in…">
            Sign in as this user
          </DashboardButton>
        </div>
      </form>
      {link && (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" role="status">
          <p>
            The link signs you in to <strong>{link.application}</strong> as {userLabel}. It works once, within 5 minutes; the session ends at{" "}
            {new Date(link.expires_at).toLocaleString()}.
          </p>
          <a href={link.url} target="_blank" rel="noreferrer noopener" className="mt-2 inline-block font-semibold underline" data-testid="impersonation-link" onClick={() => setLink(null)}>
            Open {link.application} as {userLabel} ↗
          </a>
        </div>
      )}
    </div>
  );
}
