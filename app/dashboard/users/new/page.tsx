// /dashboard/users/new: create a user in a database connection (the operators' connection included:
// that is how operators invite operators).
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/ui/layout-parts.tsx";
import { ready } from "@/lib/boot/ready.ts";
import { dashboardCsrfToken } from "@/lib/dashboard/dashboard-csrf.ts";
import { requireOperator } from "@/lib/dashboard/require-operator.ts";
import { connectionRules } from "@/lib/services/users/create-database-user.ts";
import { OPERATORS_CONNECTION } from "@/lib/services/setup/create-operator.ts";
import { CreateUserForm, type ConnectionChoice } from "./create-user-form.tsx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create user" };

export default async function CreateUserPage() {
  await requireOperator("/dashboard/users/new");
  const db = await ready();
  const rows = await db.connection.findMany({ where: { strategy: "auth0" }, select: { name: true, options: true, is_system: true }, orderBy: { created_at: "asc" } });
  const connections: ConnectionChoice[] = rows.map((row) => {
    const rules = connectionRules(row);
    return {
      name: row.name,
      operators: row.name === OPERATORS_CONNECTION,
      requiresUsername: rules.requires_username === true,
      policy: {
        passwordPolicy: rules.passwordPolicy ?? null,
        password_complexity_options: rules.password_complexity_options ?? null,
        password_dictionary: rules.password_dictionary ? { enable: rules.password_dictionary.enable, dictionary: rules.password_dictionary.dictionary } : null,
        password_no_personal_info: rules.password_no_personal_info ?? null,
      },
    };
  });
  return (
    <>
      <PageHeader
        title="Create user"
        breadcrumb={
          <Link href="/dashboard/users" className="hover:underline">
            ← Users
          </Link>
        }
        description="A new account in a database connection. The password must meet the connection’s policy."
      />
      <CreateUserForm csrfToken={await dashboardCsrfToken()} connections={connections} />
    </>
  );
}
