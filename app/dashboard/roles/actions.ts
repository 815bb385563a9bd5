"use server";
// Server actions of the Roles pages: the services behind /api/v2/roles and
// /api/v2/roles/{id}/permissions, validated with the same schemas.
import { redirect } from "next/navigation";
import { dashboardAction, type ActionResult } from "@/lib/dashboard/dashboard-action.ts";
import { roleCreateSchema, rolePermissionsSchema, roleUpdateSchema } from "@/lib/schemas/roles.ts";
import { addRolePermissions } from "@/lib/services/roles/add-role-permissions.ts";
import { createRole } from "@/lib/services/roles/create-role.ts";
import { deleteRole } from "@/lib/services/roles/delete-role.ts";
import { removeRolePermissions } from "@/lib/services/roles/remove-role-permissions.ts";
import { updateRole } from "@/lib/services/roles/update-role.ts";
import { parseOrFail } from "@/components/dashboard/config/zod-action.ts";

export async function createRoleAction(csrf: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  const result = await dashboardAction(csrf, async ({ db, actor }) => {
    const role = await createRole(db, parseOrFail(roleCreateSchema, input), actor);
    return { message: `Role ${String(role.name)} created.`, data: { id: String(role.id) } };
  });
  if (result.ok) redirect(`/dashboard/roles/${encodeURIComponent(result.data!.id)}`);
  return result;
}

export async function updateRoleAction(csrf: string, id: string, input: unknown): Promise<ActionResult> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    await updateRole(db, id, parseOrFail(roleUpdateSchema, input), actor);
    return { message: "Role saved." };
  });
}

export async function deleteRoleAction(csrf: string, id: string): Promise<ActionResult> {
  const result = await dashboardAction(csrf, async ({ db, actor }) => {
    await deleteRole(db, id, actor);
    return { message: "Role deleted." };
  });
  if (result.ok) redirect("/dashboard/roles?deleted=1");
  return result;
}

export async function addRolePermissionsAction(csrf: string, id: string, input: unknown): Promise<ActionResult> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    const body = parseOrFail(rolePermissionsSchema, input);
    await addRolePermissions(db, id, body, actor);
    return { message: body.permissions.length === 1 ? `Permission ${body.permissions[0]!.permission_name} added.` : `${body.permissions.length} permissions added.` };
  });
}

export async function removeRolePermissionAction(csrf: string, id: string, input: unknown): Promise<ActionResult> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    const body = parseOrFail(rolePermissionsSchema, input);
    await removeRolePermissions(db, id, body, actor);
    return { message: `Permission ${body.permissions[0]!.permission_name} removed.` };
  });
}
