// /dashboard/users/<user_id>: one user. Tabs (each a URL: ?tab=...): details (profile, identities,
// picture, email), metadata (editors), security (password, MFA, brute-force blocks), access (roles,
// permissions), sessions (SSO sessions, authorized applications), logs, raw JSON. Everything
// typed by users is rendered as text (React escapes it), never as markup.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/dashboard/action-button.tsx";
import { formatCount, formatDateTime } from "@/components/dashboard/format.ts";
import { Badge, DescriptionList, EmptyState, PageHeader, Section } from "@/components/dashboard/ui/layout-parts.tsx";
import { UserAvatar } from "@/components/dashboard/users/user-avatar.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { classNames } from "@/components/ui/class-names.ts";
import { ready } from "@/lib/boot/ready.ts";
import type { Db } from "@/lib/db/client.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { operatorActor, requireOperator } from "@/lib/dashboard/require-operator.ts";
import { asPresentedUser, decodeUserIdParam, userHref, type PresentedUser } from "@/lib/dashboard/users/presented-user.ts";
import { listActiveSessions, listUserGrants } from "@/lib/dashboard/users/user-access.ts";
import { listUserBlockRows } from "@/lib/dashboard/users/user-blocks.ts";
import { listAuthenticators } from "@/lib/services/mfa/authenticators.ts";
import { holdsOperatorRole } from "@/lib/dashboard/users/operator-role.ts";
import type { Actor } from "@/lib/services/actor.ts";
import { listLogs } from "@/lib/services/logs/list-logs.ts";
import { listRoles } from "@/lib/services/roles/list-roles.ts";
import { connectionRules } from "@/lib/services/users/create-database-user.ts";
import { findUserRow } from "@/lib/services/users/get-user.ts";
import { identityProviderKind, rootAttributesEditable } from "@/lib/services/users/identity-provider-kind.ts";
import { listUserPermissions } from "@/lib/services/users/list-user-permissions.ts";
import { listUserRoles } from "@/lib/services/users/list-user-roles.ts";
import { presentUser } from "@/lib/services/users/present-user.ts";
import {
  markEmailVerifiedAction,
  releaseBlockAction,
  removePermissionAction,
  removeRoleAction,
  resendVerificationAction,
  revokeGrantAction,
  revokeSessionAction,
  sendPasswordResetAction,
  setBlockedAction,
  setOperatorRoleAction,
  fixBreachedPasswordAction,
  resetMfaAction,
} from "./actions.ts";
import { AssignPermissionForm, AssignRoleForm } from "./assign-forms.tsx";
import { DeleteUserForm } from "./delete-user-form.tsx";
import { MetadataEditor } from "./metadata-editor.tsx";
import { PasswordForm } from "./password-form.tsx";
import { PictureEditor } from "./picture-editor.tsx";
import { ImpersonationPanel } from "@/components/dashboard/config/impersonation/impersonation-panel.tsx";

export const dynamic = "force-dynamic";

const TABS = [
  { id: "details", label: "Details" },
  { id: "metadata", label: "Metadata" },
  { id: "security", label: "Password & blocks" },
  { id: "access", label: "Roles & permissions" },
  { id: "sessions", label: "Sessions & applications" },
  { id: "logs", label: "Logs" },
  { id: "raw", label: "Raw JSON" },
  { id: "impersonation", label: "Sign in as user" },
] as const;
type TabId = (typeof TABS)[number]["id"];

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `User ${decodeUserIdParam((await params).id).slice(0, 40)}` };
}

const code = "rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[0.8125rem] break-all dark:bg-slate-800";

export default async function UserPage({ params, searchParams }: Props) {
  const userId = decodeUserIdParam((await params).id);
  const tabParam = (await searchParams).tab;
  const tab: TabId = TABS.some((t) => t.id === tabParam) ? (tabParam as TabId) : "details";
  const operator = await requireOperator(userHref(userId, tab === "details" ? undefined : tab));
  const actor = operatorActor(operator);
  const db = await ready();
  const row = await findUserRow(db, userId);
  if (!row) notFound();
  const user = asPresentedUser(presentUser(row));
  const connection = await db.connection.findUniqueOrThrow({ where: { id: row.connection_id }, select: { name: true, strategy: true, options: true, is_system: true } });
  const csrfToken = await dashboardCsrfToken();
  const isDatabase = identityProviderKind(connection.strategy) === "database";
  const profileEditable = rootAttributesEditable(connection.strategy, connection.options);
  // updateUser refuses operator accounts for every actor (lib/services/users/assert-user-manageable.ts).
  const readOnly = connection.is_system ? "This is a Gatehouse operator account: it cannot be changed here." : undefined;
  const display = user.name || user.email || user.username || user.user_id;
  const isOperator = connection.is_system ? await holdsOperatorRole(db, user.user_id) : false;
  const confirmText = user.email ?? user.username ?? user.user_id;

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/dashboard/users" className="hover:underline">
            ← Users
          </Link>
        }
        title={
          <span className="flex items-center gap-3">
            <UserAvatar picture={user.picture} size={48} />
            <span data-testid="user-display-name">{display}</span>
          </span>
        }
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code className={code} data-testid="user-id">
              {user.user_id}
            </code>
            {user.blocked && <Badge tone="danger">Blocked</Badge>}
            {user.email !== undefined && (user.email_verified ? <Badge tone="success">Email verified</Badge> : <Badge tone="warning">Email not verified</Badge>)}
            {connection.is_system && <Badge>Operators’ connection</Badge>}
            {isOperator && <Badge tone="warning">Operator</Badge>}
          </span>
        }
        actions={
          !readOnly && (
            <ActionButton
              testId="block-toggle"
              action={setBlockedAction.bind(null, csrfToken, user.user_id, !user.blocked)}
              label={user.blocked ? "Unblock" : "Block"}
              pendingLabel={user.blocked ? "Unblocking…" : "Blocking…"}
              variant={user.blocked ? "primary" : "secondary"}
              size="md"
              confirm={user.blocked ? undefined : "Block this user? They cannot log in until unblocked."}
            />
          )
        }
      />
      {readOnly && (
        <Alert tone="info" className="mb-5">
          {readOnly} Operators are created on the Create user page (operators’ connection).
        </Alert>
      )}
      {user.breached_password && (
        <Alert tone="error" className="mb-5" title="This user’s password was found in a data breach">
          Detected {formatDateTime(user.breached_password.detected_at)}
          {user.breached_password.blocked ? "; logins with it are blocked" : ""}. Send the user a link to choose a new one, or set a new
          password (Password &amp; blocks).
          {!readOnly && (
            <div className="mt-3">
              <ActionButton action={fixBreachedPasswordAction.bind(null, csrfToken, user.user_id)} label="Fix breached password" pendingLabel="Sending…" variant="danger" testId="fix-breached-password" />
            </div>
          )}
        </Alert>
      )}
      <nav aria-label="User sections" className="mb-5 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
        <ul className="flex gap-1">
          {TABS.map((t) => (
            <li key={t.id}>
              <Link
                href={userHref(user.user_id, t.id === "details" ? undefined : t.id)}
                aria-current={t.id === tab ? "page" : undefined}
                className={classNames(
                  "block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
                  t.id === tab ? "border-brand-600 text-brand-700 dark:text-white" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
                )}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="flex flex-col gap-5">
        {tab === "details" && (
          <>
            <Section title="Profile" description={!profileEditable ? `Name, nickname, given and family name and picture come from the ${connection.name} identity provider at each login, so they are read-only here.` : undefined}>
              <DescriptionList
                items={[
                  { term: "Email", value: user.email ?? "—" },
                  { term: "Email verified", value: user.email === undefined ? "—" : user.email_verified ? "Yes" : "No" },
                  ...(user.username !== undefined ? [{ term: "Username", value: user.username }] : []),
                  { term: "Name", value: user.name ?? "—" },
                  { term: "Nickname", value: user.nickname ?? "—" },
                  ...(user.given_name || user.family_name ? [{ term: "Given / family name", value: `${user.given_name ?? "—"} / ${user.family_name ?? "—"}` }] : []),
                  ...(user.phone_number ? [{ term: "Phone", value: `${user.phone_number}${user.phone_verified ? " (verified)" : ""}` }] : []),
                  { term: "Connection", value: connection.name },
                  { term: "Created", value: formatDateTime(user.created_at) },
                  { term: "Updated", value: formatDateTime(user.updated_at) },
                  { term: "Last login", value: user.last_login ? `${formatDateTime(user.last_login)}${user.last_ip ? ` from ${user.last_ip}` : ""}` : "Never" },
                  { term: "Logins", value: formatCount(user.logins_count) },
                  ...(user.last_password_reset ? [{ term: "Last password reset", value: formatDateTime(user.last_password_reset) }] : []),
                ]}
              />
              {!readOnly && user.email !== undefined && !user.email_verified && (
                <div className="mt-4 flex flex-wrap gap-2">
                  <ActionButton action={resendVerificationAction.bind(null, csrfToken, user.user_id)} label="Resend verification email" pendingLabel="Sending…" />
                  <ActionButton action={markEmailVerifiedAction.bind(null, csrfToken, user.user_id)} label="Mark email as verified" pendingLabel="Saving…" confirm="Mark the email verified without the user confirming it?" />
                </div>
              )}
            </Section>
            {connection.is_system && (
              <Section title="Operator access" description="Accounts of the operators’ connection sign in to this dashboard only while they hold the Gatehouse Operator role.">
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <span data-testid="operator-status">{isOperator ? "This account is an operator." : "This account is not an operator: the dashboard refuses it."}</span>
                  <ActionButton
                    action={setOperatorRoleAction.bind(null, csrfToken, user.user_id, !isOperator)}
                    label={isOperator ? "Revoke operator role" : "Grant operator role"}
                    pendingLabel="Saving…"
                    variant={isOperator ? "danger" : "primary"}
                    confirm={isOperator ? "Revoke the operator role? They lose dashboard access at once." : "Grant full control of this Gatehouse instance?"}
                  />
                </div>
              </Section>
            )}
            <Section title="Identities" description="The accounts this user signs in with. The first is the primary one.">
              <ul className="flex flex-col divide-y divide-slate-100 text-sm dark:divide-slate-800">
                {user.identities.map((identity) => (
                  <li key={`${identity.provider}|${identity.user_id}`} className="flex flex-wrap items-center gap-3 py-2">
                    <span className="font-medium">{identity.connection}</span>
                    <code className={code}>
                      {identity.provider}|{identity.user_id}
                    </code>
                    {identity.isSocial && <Badge>Social</Badge>}
                  </li>
                ))}
              </ul>
            </Section>
            <Section title="Picture">
              {profileEditable && !readOnly ? (
                <PictureEditor csrfToken={csrfToken} userId={user.user_id} current={user.picture} />
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-400">{readOnly ?? "The picture comes from the identity provider at each login."}</p>
              )}
            </Section>
            {!readOnly && (
              <Section title="Delete user" className="border-red-200 dark:border-red-900">
                <DeleteUserForm csrfToken={csrfToken} userId={user.user_id} expected={confirmText} />
              </Section>
            )}
          </>
        )}
        {tab === "metadata" && (
          <>
            <Section title="user_metadata" description="Data the user may edit about themselves (preferences, profile extras).">
              <MetadataEditor csrfToken={csrfToken} userId={user.user_id} field="user_metadata" stored={user.user_metadata} readOnlyReason={readOnly} />
            </Section>
            <Section title="app_metadata" description="Data only administrators and applications change (plans, flags, permissions).">
              <MetadataEditor csrfToken={csrfToken} userId={user.user_id} field="app_metadata" stored={user.app_metadata} readOnlyReason={readOnly} />
            </Section>
          </>
        )}
        {tab === "security" && <SecurityTab db={db} user={user} csrfToken={csrfToken} isDatabase={isDatabase} readOnly={readOnly} options={connection.options} />}
        {tab === "access" && <AccessTab db={db} user={user} actor={actor} csrfToken={csrfToken} />}
        {tab === "sessions" && <SessionsTab db={db} user={user} csrfToken={csrfToken} />}
        {tab === "logs" && <LogsTab db={db} user={user} actor={actor} />}
        {tab === "impersonation" && <ImpersonationPanel userId={user.user_id} userLabel={display} />}
        {tab === "raw" && (
          <Section title="Raw JSON" description="The user as GET /api/v2/users/{id} returns it.">
            <pre className="overflow-x-auto rounded-md bg-slate-50 p-4 text-xs dark:bg-slate-950" data-testid="raw-json">
              {JSON.stringify(user, null, 2)}
            </pre>
          </Section>
        )}
      </div>
    </>
  );
}

async function SecurityTab({ db, user, csrfToken, isDatabase, readOnly, options }: { db: Db; user: PresentedUser; csrfToken: string; isDatabase: boolean; readOnly?: string; options: unknown }) {
  const [blocks, authenticators] = await Promise.all([listUserBlockRows(db, user.user_id), listAuthenticators(db, user.user_id)]);
  const otp = authenticators.find((a) => a.type === "otp" && a.confirmed);
  const rules = connectionRules({ options });
  return (
    <>
      {isDatabase && !readOnly ? (
        <>
          <Section title="Change password" description="Set a new password for the user. They are not told; send a reset email to let them choose one instead.">
            <PasswordForm
              csrfToken={csrfToken}
              userId={user.user_id}
              policy={{ passwordPolicy: rules.passwordPolicy ?? null, password_complexity_options: rules.password_complexity_options ?? null, password_dictionary: rules.password_dictionary ?? null, password_no_personal_info: rules.password_no_personal_info ?? null }}
              personal={{ email: user.email, username: user.username, name: user.name, nickname: user.nickname, user_metadata: user.user_metadata }}
            />
          </Section>
          <Section title="Password reset email" description="Emails the user a single-use link to choose a new password (valid one day).">
            {user.email ? (
              <ActionButton action={sendPasswordResetAction.bind(null, csrfToken, user.user_id)} label="Send reset email" pendingLabel="Sending…" testId="send-reset-email" />
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">This user has no email address.</p>
            )}
          </Section>
        </>
      ) : (
        <Section title="Password">
          <p className="text-sm text-slate-600 dark:text-slate-400">{readOnly ?? "This user signs in with an external identity provider: Gatehouse holds no password for them."}</p>
        </Section>
      )}
      <Section
        title="Multi-factor authentication"
        description="A code from an authenticator app (TOTP) after the password, when MFA applies. Resetting removes the app and the recovery code: the user sets up a new app at their next login."
        actions={authenticators.length > 0 ? <ActionButton action={resetMfaAction.bind(null, csrfToken, user.user_id)} label="Reset MFA" pendingLabel="Resetting…" variant="danger" confirm="Remove this user's authenticator app and recovery code?" testId="reset-mfa" /> : undefined}
      >
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="mfa-status">
          {otp ? (
            <>
              <Badge tone="success">Enrolled</Badge> Authenticator app since {formatDateTime(otp.confirmed_at ?? otp.created_at)}
              {otp.last_used_at ? `, last used ${formatDateTime(otp.last_used_at)}` : ""}
              {authenticators.some((a) => a.type === "recovery-code") ? "; a recovery code is set." : "."}
            </>
          ) : (
            <>Not enrolled{authenticators.length > 0 ? " (an enrollment was started and not confirmed)" : ""}.</>
          )}
        </p>
      </Section>
      <Section
        title="Brute-force blocks"
        description="Logins refused after too many failed attempts. These are separate from the administrator block; each can be released."
        actions={blocks.length > 1 ? <ActionButton action={releaseBlockAction.bind(null, csrfToken, user.user_id, null)} label="Release all" pendingLabel="Releasing…" /> : undefined}
      >
        {blocks.length === 0 ? (
          <EmptyState title="No login blocks">Failed logins have not blocked this user.</EmptyState>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="brute-force-blocks">
            {blocks.map((block) => (
              <li key={block.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <span>
                  <code className={code}>{block.identifier}</code>
                  {block.ip ? <> from {block.ip}</> : <> from any IP</>}
                  {block.connection ? <> in {block.connection}</> : null}
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    Since {formatDateTime(block.created_at)}
                    {block.expires_at ? `, until ${formatDateTime(block.expires_at)}` : ", until released"}
                  </span>
                </span>
                <ActionButton action={releaseBlockAction.bind(null, csrfToken, user.user_id, block.id)} label="Release" pendingLabel="Releasing…" />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

async function AccessTab({ db, user, actor, csrfToken }: { db: Db; user: PresentedUser; actor: Actor; csrfToken: string }) {
  const [{ roles }, { permissions }, apis] = await Promise.all([
    listUserRoles(db, user.user_id, { skip: 0, take: 1000 }, actor),
    listUserPermissions(db, user.user_id, { skip: 0, take: 1000 }, actor),
    db.resourceServer.findMany({ where: { is_system: false }, select: { identifier: true, name: true, scopes: true }, orderBy: { name: "asc" } }),
  ]);
  const assigned = new Set(roles.map((r) => String(r.id)));
  // System roles (the operator role) are not granted here: lib/services/users/assert-user-manageable.ts.
  const assignable = (await listRoles(db, { skip: 0, take: 1000 }, actor)).roles
    .filter((r) => !r.is_system && !assigned.has(String(r.id)))
    .map((r) => ({ id: String(r.id), name: String(r.name) }));
  return (
    <>
      <Section title="Roles">
        {roles.length === 0 ? (
          <EmptyState title="No roles">This user has no roles yet.</EmptyState>
        ) : (
          <ul className="mb-4 flex flex-col divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="user-roles">
            {roles.map((role) => (
              <li key={String(role.id)} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <span>
                  <span className="font-medium">{String(role.name)}</span>
                  {role.description ? <span className="block text-xs text-slate-600 dark:text-slate-400">{String(role.description)}</span> : null}
                </span>
                <ActionButton action={removeRoleAction.bind(null, csrfToken, user.user_id, String(role.id))} label="Remove" pendingLabel="Removing…" confirm={`Remove the role ${String(role.name)}?`} />
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4">
          <AssignRoleForm csrfToken={csrfToken} userId={user.user_id} roles={assignable} />
        </div>
      </Section>
      <Section title="Permissions" description="Direct permissions, and those the user holds through roles (removed by removing the role).">
        {permissions.length === 0 ? (
          <EmptyState title="No permissions">Neither a role nor a direct assignment gives this user a permission.</EmptyState>
        ) : (
          <ul className="mb-4 flex flex-col divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="user-permissions">
            {permissions.map((p) => {
              const direct = p.sources.some((s) => s.source_type === "DIRECT");
              return (
                <li key={`${p.resource_server_identifier} ${p.permission_name}`} className="flex flex-wrap items-center justify-between gap-3 py-2">
                  <span>
                    <code className={code}>{p.permission_name}</code> <span className="text-slate-600 dark:text-slate-400">on {p.resource_server_name}</span>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {p.sources.map((s) => (s.source_type === "DIRECT" ? "Direct" : `Role ${s.source_name}`)).join(", ")}
                    </span>
                  </span>
                  {direct && <ActionButton action={removePermissionAction.bind(null, csrfToken, user.user_id, p.resource_server_identifier, p.permission_name)} label="Remove" pendingLabel="Removing…" />}
                </li>
              );
            })}
          </ul>
        )}
        <div className="mt-4">
          <AssignPermissionForm csrfToken={csrfToken} userId={user.user_id} apis={apis.map((api) => ({ identifier: api.identifier, name: api.name, scopes: ((api.scopes as { value: string }[]) ?? []).map((s) => s.value) }))} />
        </div>
      </Section>
    </>
  );
}

async function SessionsTab({ db, user, csrfToken }: { db: Db; user: PresentedUser; csrfToken: string }) {
  const [sessions, grants] = await Promise.all([listActiveSessions(db, user.user_id), listUserGrants(db, user.user_id)]);
  return (
    <>
      <Section title="Active sessions" description="Browser sessions (single sign-on). Revoking one signs that browser out and revokes the refresh tokens issued in it.">
        {sessions.length === 0 ? (
          <EmptyState title="No active sessions">The user is not signed in anywhere.</EmptyState>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="user-sessions">
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <span className="min-w-0">
                  <span className="font-medium">{s.applications.length ? s.applications.join(", ") : "No application yet"}</span>
                  {s.impersonated && (
                    <span className="ml-2">
                      <Badge tone="warning">Impersonation</Badge>
                    </span>
                  )}
                  <span className="block text-xs break-all text-slate-600 dark:text-slate-400">
                    Started {formatDateTime(s.created_at)}, last active {formatDateTime(s.last_active_at)}
                    {s.ip ? ` from ${s.ip}` : ""}
                    {s.user_agent ? ` · ${s.user_agent}` : ""}
                  </span>
                </span>
                <ActionButton action={revokeSessionAction.bind(null, csrfToken, user.user_id, s.id)} label="Revoke" pendingLabel="Revoking…" confirm="Sign this session out?" />
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Authorized applications" description="Consent the user gave. Revoking forgets it and revokes the application’s refresh tokens for this user.">
        {grants.length === 0 ? (
          <EmptyState title="No authorized applications">The user has not consented to any application.</EmptyState>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="user-grants">
            {grants.map((g) => (
              <li key={g.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <span className="min-w-0">
                  <span className="font-medium">{g.client_name ?? g.client_id}</span>
                  <span className="block text-xs break-all text-slate-600 dark:text-slate-400">
                    {g.audience}: {g.scope.join(" ") || "(no scopes)"} · since {formatDateTime(g.created_at)}
                  </span>
                </span>
                <ActionButton action={revokeGrantAction.bind(null, csrfToken, user.user_id, g.id)} label="Revoke" pendingLabel="Revoking…" confirm={`Revoke ${g.client_name ?? g.client_id}’s access?`} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

async function LogsTab({ db, user, actor }: { db: Db; user: PresentedUser; actor: Actor }) {
  const { logs } = await listLogs(db, { userId: user.user_id, skip: 0, take: 50 }, actor);
  return (
    <Section title="Log events" description="The user’s newest 50 events.">
      {logs.length === 0 ? (
        <EmptyState title="No events">Nothing has been logged for this user yet.</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="user-logs">
            <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Date
                </th>
                <th scope="col" className="py-2 pr-4">
                  Type
                </th>
                <th scope="col" className="py-2 pr-4">
                  Description
                </th>
                <th scope="col" className="py-2">
                  Application
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {logs.map((log) => (
                <tr key={String(log.log_id)}>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <Link href={`/dashboard/logs/${encodeURIComponent(String(log.log_id))}`} className="hover:underline">
                      {formatDateTime(String(log.date))}
                    </Link>
                  </td>
                  <td className="py-2 pr-4">
                    <code className={code}>{String(log.type)}</code>
                  </td>
                  <td className="py-2 pr-4">{String(log.description ?? "")}</td>
                  <td className="py-2">{String(log.client_name ?? log.client_id ?? "—")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
