// Who is signed in to the dashboard, decided on every request (React's cache() makes it once per
// request however many layouts and pages ask):
//
//   signed_out     no (valid) next-auth session cookie
//   ended          the Gatehouse SSO session the operator signed in with has ended (signed out
//                  elsewhere, revoked from the dashboard, expired): the dashboard follows it
//   not_operator   signed in, but the user is blocked, gone, or does not hold the operator role
//   operator       signed in as an operator
import { cookies } from "next/headers";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { ready } from "../boot/ready.ts";
import { env } from "../env.ts";
import type { Actor } from "../services/actor.ts";
import { logger } from "../logs/logger.ts";
import { findOperatorRoleId } from "../services/setup/create-operator.ts";
import { authOptions, nextAuthSecret, type DashboardToken } from "./auth-options.ts";

export type Operator = { user_id: string; email: string | null; name: string | null };

export type OperatorState =
  | { kind: "signed_out" }
  | { kind: "ended"; token: DashboardToken }
  | { kind: "not_operator"; token: DashboardToken; email: string | null }
  | { kind: "operator"; token: DashboardToken; operator: Operator };

export function sessionCookieName(): string {
  return env().issuer.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The decoded next-auth JWT of this request, or null. */
export async function readDashboardToken(): Promise<DashboardToken | null> {
  authOptions(); // sets NEXTAUTH_URL
  const store = await cookies();
  const token = await getToken({
    req: { cookies: Object.fromEntries(store.getAll().map((c) => [c.name, c.value])), headers: {} } as never,
    secret: nextAuthSecret(),
    cookieName: sessionCookieName(),
    secureCookie: env().issuer.startsWith("https://"),
    logger: { error: () => {}, warn: () => {}, debug: () => {} } as never,
  }).catch(() => null);
  return token && typeof token.sub === "string" ? (token as DashboardToken) : null;
}

export const currentOperatorState = cache(async (): Promise<OperatorState> => {
  const token = await readDashboardToken();
  if (!token?.sub) return { kind: "signed_out" };
  const db = await ready();
  if (token.sid) {
    const session = await db.session.findUnique({ where: { id: token.sid }, select: { user_id: true, revoked_at: true, expires_at: true, idle_expires_at: true } });
    const now = Date.now();
    if (!session || session.user_id !== token.sub || session.revoked_at || session.expires_at.getTime() <= now || session.idle_expires_at.getTime() <= now) {
      logger().debug({ user_id: token.sub, sid: token.sid }, "dashboard: the SSO session behind the dashboard session has ended");
      return { kind: "ended", token };
    }
  }
  const [user, roleId] = await Promise.all([
    db.user.findUnique({ where: { user_id: token.sub }, select: { user_id: true, email: true, name: true, blocked: true } }),
    findOperatorRoleId(db),
  ]);
  if (!user) return { kind: "not_operator", token, email: token.email ?? null };
  const holdsRole = roleId ? await db.userRole.findUnique({ where: { user_id_role_id: { user_id: user.user_id, role_id: roleId } }, select: { role_id: true } }) : null;
  if (user.blocked || !holdsRole) return { kind: "not_operator", token, email: user.email };
  return { kind: "operator", token, operator: { user_id: user.user_id, email: user.email, name: user.name } };
});

/** The actor services record for an operator's change. */
export function operatorActor(operator: Operator): Actor {
  return { kind: "operator", userId: operator.user_id, email: operator.email };
}
