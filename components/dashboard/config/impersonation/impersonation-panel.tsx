// The user page's "Sign in as this user" section (issue 5): the form and the user's past
// impersonations. A server component: <ImpersonationPanel userId=… userLabel=… /> on the page.
import { Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { listImpersonations } from "@/lib/services/impersonation/list-impersonations.ts";
import { listImpersonationTargets } from "@/lib/services/impersonation/list-impersonation-targets.ts";
import { ImpersonateForm } from "./impersonate-form.tsx";
import { ImpersonationHistory } from "./impersonation-history.tsx";

export async function ImpersonationPanel({ userId, userLabel }: { userId: string; userLabel: string }) {
  const db = await ready();
  const [targets, history, csrfToken, user] = await Promise.all([
    listImpersonationTargets(db, userId),
    listImpersonations(db, userId),
    dashboardCsrfToken(),
    db.user.findUnique({ where: { user_id: userId }, select: { blocked: true, connection: { select: { is_system: true } } } }),
  ]);
  // The same refusals as startImpersonation, said before the operator fills the form.
  const refusal = user?.connection.is_system
    ? "Operators cannot be impersonated."
    : user?.blocked
      ? "A blocked user cannot sign in, so nobody can sign in as them. Unblock the user first."
      : null;
  return (
    <Section
      id="impersonation"
      title="Sign in as this user"
      description="Opens an application signed in as this user, for support. The reason is recorded; the tokens name you in an act claim; the user's own sessions are not touched."
    >
      <div className="flex flex-col gap-6">
        {refusal ? (
          <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="impersonation-refusal">
            {refusal}
          </p>
        ) : (
          <ImpersonateForm csrfToken={csrfToken} userId={userId} userLabel={userLabel} targets={targets} />
        )}
        <div>
          <h3 className="mb-2 text-sm font-semibold">Past impersonations</h3>
          <ImpersonationHistory csrfToken={csrfToken} userId={userId} items={history} />
        </div>
      </div>
    </Section>
  );
}
