import { createUserOperation } from "@/lib/management/routes/users.ts";
import { listUsersOperation } from "@/lib/management/routes/users-search.ts";

export const dynamic = "force-dynamic";
export const POST = createUserOperation.handle;
// GET (list and search users) is the users-search workstream's: lib/management/routes/users-search.ts.
export const GET = listUsersOperation.handle;
