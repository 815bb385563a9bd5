// The frame of every dashboard server action: CSRF check, operator check, request context for log
// events, and errors turned into a specific message for the form instead of a crash.
//
//   export async function blockUserAction(csrf: string, userId: string) {
//     "use server" ... return dashboardAction(csrf, async ({ db, actor }) => { ...; return { message: "User blocked." }; });
//   }
//
// Returns { ok: true, message, data? } or { ok: false, error, fieldErrors? }. Service errors
// (AppError, 4xx) carry their own message; a database outage and anything unexpected get a
// generic one (the unexpected is logged with its stack).
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { ready } from "../boot/ready.ts";
import type { Db } from "../db/client.ts";
import { isDatabaseUnavailable } from "../db/errors.ts";
import { runWithActionRequestContext } from "../http/action-request-context.ts";
import { logger } from "../logs/logger.ts";
import { writeLogEvent } from "../logs/write-log-event.ts";
import { CsrfError } from "../security/csrf.ts";
import type { Actor } from "../services/actor.ts";
import { AppError } from "../services/errors.ts";
import { DASHBOARD_CLIENT_ID, DASHBOARD_CLIENT_NAME } from "./dashboard-client.ts";
import { verifyDashboardCsrf } from "./dashboard-csrf.ts";
import { currentOperatorState, operatorActor, type Operator } from "./operator-session.ts";

export type ActionResult<T = undefined> =
  | { ok: true; message: string; data?: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export class ActionFailure extends Error {
  constructor(message: string, readonly fieldErrors?: Record<string, string>) {
    super(message);
  }
}

/** A change worth an audit event (`sapi`, client gatehouse-dashboard, the operator in details). */
export type DashboardAudit = { description: string; user_id?: string; user_name?: string | null; details?: Record<string, unknown> };

export type ActionContext = { db: Db; operator: Operator; actor: Actor };

export async function dashboardAction<T = undefined>(
  csrf: string | null | undefined,
  run: (context: ActionContext) => Promise<{ message: string; data?: T; audit?: DashboardAudit }>,
): Promise<ActionResult<T>> {
  try {
    await verifyDashboardCsrf(csrf);
  } catch (error) {
    if (!(error instanceof CsrfError)) throw error;
    logger().warn({ reason: error.reason }, "dashboard action refused: CSRF check failed");
    return { ok: false, error: "This page has expired or the request was not sent from this site. Reload the page and try again." };
  }
  const state = await currentOperatorState();
  if (state.kind !== "operator") {
    return { ok: false, error: state.kind === "not_operator" ? "Your account is not a Gatehouse operator." : "Your dashboard session has ended. Sign in again (reload the page)." };
  }
  const requestHeaders = await headers();
  return runWithActionRequestContext(requestHeaders, async (): Promise<ActionResult<T>> => {
    try {
      const db = await ready();
      const result = await run({ db, operator: state.operator, actor: operatorActor(state.operator) });
      if (result.audit) {
        await writeLogEvent(db, {
          type: "sapi",
          description: result.audit.description,
          client_id: DASHBOARD_CLIENT_ID,
          client_name: DASHBOARD_CLIENT_NAME,
          user_id: result.audit.user_id ?? null,
          user_name: result.audit.user_name ?? null,
          details: { operator: { user_id: state.operator.user_id, email: state.operator.email }, ...result.audit.details },
        });
      }
      return { ok: true, message: result.message, ...(result.data === undefined ? {} : { data: result.data }) };
    } catch (error) {
      // redirect() and notFound() are Next.js control flow, not failures.
      unstable_rethrow(error);
      if (error instanceof ActionFailure) return { ok: false, error: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
      if (error instanceof AppError && error.status < 500) return { ok: false, error: error.message };
      if (isDatabaseUnavailable(error)) return { ok: false, error: "Gatehouse cannot reach its database right now. Try again in a moment." };
      logger().error({ err: error }, "dashboard action failed");
      return { ok: false, error: "Something went wrong on our side. Try again; if it keeps failing, the server log says why." };
    }
  });
}
