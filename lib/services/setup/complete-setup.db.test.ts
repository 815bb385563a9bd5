// completeSetup: the first operator from a one-time setup link. Runs on SQLite and PostgreSQL.
// The test database is bootstrapped with an operator (GATEHOUSE_ADMIN_EMAIL), so each test starts
// by removing operators' role links: "no operator yet" unless the test says otherwise.
import { beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "../../db/client.ts";
import { randomToken, sha256Hex } from "../../crypto/random.ts";
import { verifyBcrypt } from "../../passwords/hash-pool.ts";
import { AppError } from "../errors.ts";
import { completeSetup } from "./complete-setup.ts";
import { findOperatorCount, findOperatorRoleId } from "./create-operator.ts";
import { createSetupTicket } from "./create-setup-ticket.ts";
import { findSetupLink } from "./find-setup-link.ts";

const PASSWORD = "Correct-Horse-9-battery";
let db: Db;
const email = () => `operator-${crypto.randomUUID().slice(0, 8)}@example.com`;

async function removeOperators() {
  const roleId = await findOperatorRoleId(db);
  await db.userRole.deleteMany({ where: { role_id: roleId! } });
}

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.errorCode;
    throw error;
  }
  throw new Error("expected completeSetup to refuse");
}

async function ticketRow(token: string) {
  return db.ticket.findUniqueOrThrow({ where: { token_hash: sha256Hex(token) } });
}

beforeEach(async () => {
  db = await getDb();
  await removeOperators();
});

describe("completeSetup", () => {
  it("creates the operator, consumes the link and records a sapi event", async () => {
    const { token } = await createSetupTicket(db);
    const address = email();
    expect(await findSetupLink(db, token)).toMatchObject({ status: "ready", passwordPolicy: { passwordPolicy: "good" } });

    const result = await completeSetup(db, { token, email: address.toUpperCase(), password: PASSWORD });

    expect(result).toEqual({ user_id: expect.stringMatching(/^auth0\|[0-9a-f]{24}$/), email: address });
    expect(await findOperatorCount(db)).toBe(1);
    const user = await db.user.findUniqueOrThrow({ where: { user_id: result.user_id }, include: { connection: true } });
    expect(user).toMatchObject({ email: address, email_verified: true, connection: { name: "gatehouse-operators" } });
    const stored = await db.userPassword.findUniqueOrThrow({ where: { user_id: result.user_id } });
    expect(await verifyBcrypt(PASSWORD, stored.hash)).toBe(true);
    const ticket = await ticketRow(token);
    expect(ticket.consumed_at).toBeInstanceOf(Date);
    expect(ticket.user_id).toBe(result.user_id);
    const events = await db.logEvent.findMany({ where: { type: "sapi", user_id: result.user_id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ user_name: address, connection: "gatehouse-operators" });
    expect(await findSetupLink(db, token)).toEqual({ status: "invalid" });
  });

  it("refuses a link that was already used, even when no operator exists any more", async () => {
    const { token } = await createSetupTicket(db);
    await completeSetup(db, { token, email: email(), password: PASSWORD });
    await removeOperators();
    expect(await refusal(completeSetup(db, { token, email: email(), password: PASSWORD }))).toBe("invalid_setup_link");
    expect(await findOperatorCount(db)).toBe(0);
  });

  it("refuses an expired link", async () => {
    const { token } = await createSetupTicket(db);
    await db.ticket.update({ where: { token_hash: sha256Hex(token) }, data: { expires_at: new Date(Date.now() - 1000) } });
    expect(await findSetupLink(db, token)).toEqual({ status: "invalid" });
    expect(await refusal(completeSetup(db, { token, email: email(), password: PASSWORD }))).toBe("invalid_setup_link");
    expect((await ticketRow(token)).consumed_at).toBeNull();
  });

  it.each([
    ["an unknown token", () => randomToken(32)],
    ["a malformed token", () => "../../etc/passwd"],
    ["an empty token", () => ""],
  ])("refuses %s", async (_name, token) => {
    await createSetupTicket(db);
    expect(await refusal(completeSetup(db, { token: token(), email: email(), password: PASSWORD }))).toBe("invalid_setup_link");
    expect(await findOperatorCount(db)).toBe(0);
  });

  it("refuses the token of another kind of ticket", async () => {
    const token = randomToken(32);
    await db.ticket.create({
      data: { id: crypto.randomUUID(), kind: "password_change", token_hash: sha256Hex(token), data: {}, expires_at: new Date(Date.now() + 60_000) },
    });
    expect(await refusal(completeSetup(db, { token, email: email(), password: PASSWORD }))).toBe("invalid_setup_link");
  });

  it("refuses when an operator already exists, and leaves the link unused", async () => {
    await completeSetup(db, { token: (await createSetupTicket(db)).token, email: email(), password: PASSWORD });
    const { token } = await createSetupTicket(db);
    expect(await findSetupLink(db, token)).toEqual({ status: "operator_exists" });
    expect(await refusal(completeSetup(db, { token, email: email(), password: PASSWORD }))).toBe("operator_exists");
    expect((await ticketRow(token)).consumed_at).toBeNull();
    expect(await findOperatorCount(db)).toBe(1);
  });

  it.each([
    ["too short", "Short-9-x"],
    ["too few character classes", "onlylowercaseletters"],
    ["containing the email's name", "Jonathan-2030-horse"],
  ])("refuses a weak password (%s) and leaves the link usable", async (_name, password) => {
    const { token } = await createSetupTicket(db);
    expect(await refusal(completeSetup(db, { token, email: "jonathan@example.com", password }))).toBe("password_strength_error");
    expect((await ticketRow(token)).consumed_at).toBeNull();
    expect(await findOperatorCount(db)).toBe(0);
    await completeSetup(db, { token, email: email(), password: PASSWORD });
    expect(await findOperatorCount(db)).toBe(1);
  });

  it("refuses an invalid email address", async () => {
    const { token } = await createSetupTicket(db);
    expect(await refusal(completeSetup(db, { token, email: "not-an-email", password: PASSWORD }))).toBe("invalid_body");
  });

  it("two concurrent completions with the same link: exactly one succeeds", async () => {
    const { token } = await createSetupTicket(db);
    const results = await Promise.allSettled([
      completeSetup(db, { token, email: email(), password: PASSWORD }),
      completeSetup(db, { token, email: email(), password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(AppError);
    expect(["invalid_setup_link", "operator_exists"]).toContain((rejected[0]!.reason as AppError).errorCode);
    expect(await findOperatorCount(db)).toBe(1);
  });

  it("two concurrent completions with two different live links: exactly one operator", async () => {
    const [first, second] = [await createSetupTicket(db), await createSetupTicket(db)];
    const results = await Promise.allSettled([
      completeSetup(db, { token: first.token, email: email(), password: PASSWORD }),
      completeSetup(db, { token: second.token, email: email(), password: PASSWORD }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((rejected?.reason as AppError).errorCode).toBe("operator_exists");
    expect(await findOperatorCount(db)).toBe(1);
  });
});
