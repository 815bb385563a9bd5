import { createEmailVerificationTicketOperation } from "@/lib/management/routes/tickets.ts";

export const dynamic = "force-dynamic";
export const POST = createEmailVerificationTicketOperation.handle;
