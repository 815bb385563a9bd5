"use server";
// Server action of "Create user": re-validates with the API's schema, creates the user
// (lib/dashboard/users/create-user-as-operator.ts), and returns the new user's id; the form then
// opens the user's page.
import { dashboardAction, ActionFailure, type ActionResult } from "@/lib/dashboard/dashboard-action.ts";
import { toCreateUserInput, type CreateUserFormValues } from "@/lib/dashboard/users/create-user-form.ts";
import { createUserAsOperator } from "@/lib/dashboard/users/create-user-as-operator.ts";
import { AppError } from "@/lib/services/errors.ts";
import { z } from "zod";

/** The form's shape (a server action can be called with anything). */
const valuesSchema = z.object({
  connection: z.string().max(128),
  email: z.string().max(320),
  username: z.string().max(128),
  password: z.string().max(1024),
  name: z.string().max(300),
  email_verified: z.boolean(),
  verify_email: z.boolean(),
  user_metadata: z.string().max(64 * 1024),
  app_metadata: z.string().max(64 * 1024),
  make_operator: z.boolean(),
});

export async function createUserAction(csrf: string, values: CreateUserFormValues): Promise<ActionResult<{ user_id: string }>> {
  return dashboardAction(csrf, async ({ db, actor }) => {
    const shape = valuesSchema.safeParse(values);
    if (!shape.success) throw new ActionFailure("The form was sent incomplete. Reload the page and try again.");
    const { input, errors } = toCreateUserInput(shape.data);
    if (!input) throw new ActionFailure("Some fields need attention.", errors);
    try {
      const { user_id } = await createUserAsOperator(db, input, { makeOperator: values.make_operator === true }, actor as typeof actor & { kind: "operator" });
      return {
        message: `User ${input.email ?? user_id} created.`,
        data: { user_id },
        audit: { description: values.make_operator ? "Create an operator" : "Create a user", user_id, user_name: input.email ?? null, details: { connection: input.connection } },
      };
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      if (error.errorCode === "password_strength_error" || /password/i.test(error.message)) throw new ActionFailure(error.message, { password: error.message });
      if (error.code === "conflict") throw new ActionFailure("A user with this email (or username) already exists in this connection.", { email: "A user with this email already exists in this connection." });
      if (/username/i.test(error.message)) throw new ActionFailure(error.message, { username: error.message });
      if (/email/i.test(error.message)) throw new ActionFailure(error.message, { email: error.message });
      throw error;
    }
  });
}
