// The gate of every dashboard page and server action: returns the signed-in operator, or sends
// the browser to the sign-in page (no session, or the Gatehouse session behind it has ended) or to
// the "not authorized" page (signed in, but not an operator). Server components and server
// actions call it first; layouts are not a security boundary in the App Router.
import { redirect } from "next/navigation";
import { currentOperatorState, type Operator } from "./operator-session.ts";

export type { Operator } from "./operator-session.ts";
export { operatorActor } from "./operator-session.ts";

/** `returnTo`: a dashboard path to come back to after signing in (default /dashboard). */
export async function requireOperator(returnTo?: string): Promise<Operator> {
  const state = await currentOperatorState();
  switch (state.kind) {
    case "operator":
      return state.operator;
    case "not_operator":
      redirect("/dashboard/not-authorized");
    case "ended":
    case "signed_out": {
      const back = returnTo && returnTo.startsWith("/dashboard") && !returnTo.startsWith("//") ? returnTo : "/dashboard";
      redirect(`/dashboard/sign-in?callbackUrl=${encodeURIComponent(back)}${state.kind === "ended" ? "&reason=ended" : ""}`);
    }
  }
}
