// /api/v2/tickets (auth0-management-api.md §3.12): password-change and email-verification links,
// 201 { ticket: "<url>" }.
import { emailVerificationTicketSchema, passwordChangeTicketSchema } from "../../schemas/tickets.ts";
import { createEmailVerificationTicket } from "../../services/tickets/create-email-verification-ticket.ts";
import { createPasswordChangeTicket } from "../../services/tickets/create-password-change-ticket.ts";
import { defineOperation } from "../operation.ts";

export const createPasswordChangeTicketOperation = defineOperation({
  method: "POST",
  path: "/tickets/password-change",
  summary: "Create a password change ticket",
  scopes: ["create:user_tickets"],
  body: passwordChangeTicketSchema,
  successStatus: 201,
  async handler({ db, caller, body }) {
    return { status: 201, body: await createPasswordChangeTicket(db, body, caller) };
  },
});

export const createEmailVerificationTicketOperation = defineOperation({
  method: "POST",
  path: "/tickets/email-verification",
  summary: "Create an email verification ticket",
  scopes: ["create:user_tickets"],
  body: emailVerificationTicketSchema,
  successStatus: 201,
  async handler({ db, caller, body }) {
    return { status: 201, body: await createEmailVerificationTicket(db, body, caller) };
  },
});
