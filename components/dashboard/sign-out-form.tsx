// "Sign out": a plain form posting to /dashboard/sign-out (app/dashboard/sign-out/route.ts), which
// ends the dashboard session and sends the browser through Gatehouse's logout. Works without JavaScript.
import { CsrfField } from "@/components/forms/csrf-field.tsx";
import { DashboardButton } from "./ui/button.tsx";

export function SignOutForm({ csrfToken, label = "Sign out", variant = "ghost" }: { csrfToken: string; label?: string; variant?: "ghost" | "secondary" | "primary" }) {
  return (
    <form method="post" action="/dashboard/sign-out">
      <CsrfField token={csrfToken} />
      <DashboardButton type="submit" variant={variant} size={variant === "ghost" ? "sm" : "md"}>
        {label}
      </DashboardButton>
    </form>
  );
}
