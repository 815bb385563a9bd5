"use server";
// Server actions of the "Sign in as this user" panel: the same services as
// POST /api/v2/users/{id}/impersonate and POST /api/v2/impersonations/{id}/end.
import { revalidatePath } from "next/cache";
import { ActionFailure, dashboardAction, type ActionResult } from "@/lib/dashboard/dashboard-action.ts";
import { impersonationFormSchema } from "@/lib/schemas/impersonation.ts";
import { endImpersonation } from "@/lib/services/impersonation/end-impersonation.ts";
import { startImpersonation } from "@/lib/services/impersonation/start-impersonation.ts";

export async function startImpersonationAction(csrf: string, userId: string, input: unknown): Promise<ActionResult<{ login_url: string; application: string; expires_at: string }>> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    const parsed = impersonationFormSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? "form"), issue.message]));
      throw new ActionFailure("Check the highlighted fields.", fieldErrors);
    }
    const { client_id, reason, minutes } = parsed.data;
    const started = await startImpersonation(db, userId, { client_id, reason, expires_in: minutes * 60 }, actor);
    revalidatePath(`/dashboard/users/${encodeURIComponent(userId)}`);
    return {
      message: `Sign-in link ready for ${started.impersonation.client_name ?? client_id}: it works once, within 5 minutes.`,
      data: { login_url: started.login_url, application: started.impersonation.client_name ?? client_id, expires_at: started.impersonation.expires_at },
    };
  });
}

export async function endImpersonationAction(csrf: string, id: string, userId: string): Promise<ActionResult> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    await endImpersonation(db, id, actor);
    revalidatePath(`/dashboard/users/${encodeURIComponent(userId)}`);
    return { message: "Impersonation ended: its session and refresh tokens are revoked." };
  });
}
