// The dashboard's navigation, in order. Pages live at these paths under app/dashboard/; each page
// calls requireOperator() (lib/dashboard/require-operator.ts) itself.
export type NavItem = {
  href: string;
  label: string;
  /** One-line description, for the home page and screen readers. */
  description: string;
  /** Also active for paths below it (every item but Home). */
  matchPrefix: boolean;
};

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/dashboard", label: "Home", description: "Activity of the last 30 days and the newest events.", matchPrefix: false },
  { href: "/dashboard/users", label: "Users", description: "Search, create and manage user accounts.", matchPrefix: true },
  { href: "/dashboard/applications", label: "Applications", description: "Callbacks, grant types, connections and secrets.", matchPrefix: true },
  { href: "/dashboard/apis", label: "APIs", description: "Scopes and RBAC settings of your APIs.", matchPrefix: true },
  { href: "/dashboard/connections", label: "Connections", description: "Password policy, brute-force protection and sign-up.", matchPrefix: true },
  { href: "/dashboard/roles", label: "Roles", description: "Roles and their permissions.", matchPrefix: true },
  { href: "/dashboard/logs", label: "Logs", description: "Every event, filtered by type, user, application and date.", matchPrefix: true },
  { href: "/dashboard/outbox", label: "Email outbox", description: "Emails Gatehouse sent or would have sent.", matchPrefix: true },
  { href: "/dashboard/jobs", label: "Jobs", description: "Background jobs: bulk actions, imports and exports.", matchPrefix: true },
];

export function isActive(item: NavItem, pathname: string): boolean {
  return item.matchPrefix ? pathname === item.href || pathname.startsWith(`${item.href}/`) : pathname === item.href;
}
