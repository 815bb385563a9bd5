// POST /api/v2/jobs/verification-email (auth0-management-api.md §3.13, §7.6): sends the user a
// verification email now (lib/email/send-verification-email.ts) and records a completed
// verification_email job, 201 { status: "completed", type, created_at, id }.
import type { Db } from "../../db/client.ts";
import { newJobId } from "../../crypto/ids.ts";
import { sendVerificationEmail } from "../../email/send-verification-email.ts";
import { invalidBody } from "../../management/errors.ts";
import type { VerificationEmailJobInput } from "../../schemas/jobs.ts";
import { notFound } from "../errors.ts";
import { presentJob } from "./present-job.ts";

export async function createVerificationEmailJob(db: Db, input: VerificationEmailJobInput): Promise<Record<string, unknown>> {
  if (input.organization_id !== undefined) throw invalidBody("The organization does not exist");
  const user = await db.user.findUnique({
    where: { user_id: input.user_id },
    select: { user_id: true, email: true, email_verified: true, name: true, nickname: true, identities: { select: { provider: true, provider_user_id: true, connection_id: true } }, connection: { select: { strategy: true } } },
  });
  if (!user) throw notFound("The user does not exist.", "inexistent_user");
  let connectionId: string | undefined;
  if (input.identity) {
    const identity = user.identities.find((i) => i.provider === input.identity!.provider && i.provider_user_id === input.identity!.user_id && (!input.identity!.connection_id || i.connection_id === input.identity!.connection_id));
    if (!identity) throw invalidBody("The identity does not belong to the user.");
    connectionId = identity.connection_id;
  }
  const strategy = connectionId ? (await db.connection.findUnique({ where: { id: connectionId }, select: { strategy: true } }))?.strategy : user.connection.strategy;
  if (strategy !== "auth0") throw invalidBody("Connection must be a database connection.");
  if (!user.email) throw invalidBody("User does not have an email address.");
  if (input.client_id && !(await db.client.findUnique({ where: { client_id: input.client_id }, select: { client_id: true } })))
    throw invalidBody("The client does not exist.");
  await sendVerificationEmail(db, user, { clientId: input.client_id ?? null });
  const job = await db.job.create({ data: { id: newJobId(), type: "verification_email", status: "completed", connection_id: connectionId ?? null, params: {}, completed_at: new Date() } });
  const presented = presentJob(job);
  delete presented.connection_id;
  return presented;
}
