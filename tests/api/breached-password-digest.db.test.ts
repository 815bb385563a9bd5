// Breached password detection's admin digests (lib/attack-protection/breached-password-digest.ts):
// with admin_notification_frequency daily (or weekly, monthly) a detection sends no email of its
// own; the digest check, run with an injected clock once the period has ended, emails each
// operator (not blocked ones) one summary of the period built from the pwd_leak /
// signup_pwd_leak / reset_pwd_leak events, and never sends a period's digest twice, even when two
// instances check at the same moment. Detections come from the real endpoints (signup, password
// realm login, PATCH /users).
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../helpers/app.ts";
import { api, createUser, db, DEFAULT_CONNECTION, tag, uniqueEmail, userPath } from "../helpers/users.ts";
import { TEST_ADMIN_EMAIL } from "../setup/test-env.ts";

const REALM = "http://auth0.com/oauth/grant-type/password-realm";
/** In the shipped corpus and good enough for the default policy. */
const LEAKED = "Passw0rd!";
const DAY_MS = 86_400_000;
const TYPES = ["pwd_leak", "signup_pwd_leak", "reset_pwd_leak"];
let app: { client_id: string; client_secret: string };
let secondOperator: string;
let blockedOperator: string;

async function settle() {
  const { settleBackgroundWork } = await import("../../lib/email/background.ts");
  await settleBackgroundWork();
}

async function configure(settings: Record<string, unknown>) {
  const r = await api("PATCH", "/attack-protection/breached-password-detection", settings);
  expect(r.status, r.text).toBe(200);
  return r.body;
}

const signup = (email: string) => call("POST", "/dbconnections/signup", { json: { client_id: app.client_id, connection: DEFAULT_CONNECTION, email, password: LEAKED } });
const login = (username: string, ip: string) =>
  call("POST", "/oauth/token", {
    form: { grant_type: REALM, client_id: app.client_id, client_secret: app.client_secret, realm: DEFAULT_CONNECTION, username, password: LEAKED },
    headers: { "auth0-forwarded-for": ip },
  });

/** Log events are committed by a worker; poll briefly until `count` detection events exist. */
async function detectionEvents(count: number) {
  await settle();
  const database = await db();
  for (let i = 0; i < 200 && (await database.logEvent.count({ where: { type: { in: TYPES } } })) < count; i++) await new Promise((r) => setTimeout(r, 20));
  return database.logEvent.findMany({ where: { type: { in: TYPES } }, orderBy: { date: "asc" } });
}

const digestEmails = async () => (await db()).emailMessage.findMany({ where: { kind: "password_breach_digest" }, orderBy: { to: "asc" } });

async function digests(now: Date) {
  const { sendBreachedPasswordDigests } = await import("../../lib/attack-protection/breached-password-digest.ts");
  const outcomes = await sendBreachedPasswordDigests(await db(), { now });
  await settle();
  return outcomes;
}

const startOfUtcDay = (date: Date) => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());

beforeAll(async () => {
  app = (await api("POST", "/clients", { name: `digest-${tag()}`, app_type: "regular_web", grant_types: [REALM], is_token_endpoint_ip_header_trusted: true })).body;
  const database = await db();
  const { createOperator } = await import("../../lib/services/setup/create-operator.ts");
  const { systemActor } = await import("../../lib/services/actor.ts");
  secondOperator = uniqueEmail("operator-two");
  blockedOperator = uniqueEmail("operator-blocked");
  await createOperator(database, { email: secondOperator, password: "Operator-Two-Secret-1" }, systemActor("test"));
  const blocked = await createOperator(database, { email: blockedOperator, password: "Operator-Blocked-Secret-1" }, systemActor("test"));
  await database.user.update({ where: { user_id: blocked.user_id }, data: { blocked: true } });
});

describe("daily digest", () => {
  it("sends nothing per detection, then one summary per operator for the day, once", async () => {
    const loginUser = await createUser({ password: LEAKED });
    const changeUser = await createUser();
    await configure({
      enabled: true,
      shields: ["admin_notification"],
      admin_notification_frequency: ["daily"],
      stage: { "pre-user-registration": { shields: ["block", "admin_notification"] }, "pre-change-password": { shields: ["admin_notification"] } },
    });

    // Five detections: two signups (blocked), two logins from two IPs (allowed), one password change (allowed).
    const signups = [uniqueEmail("digest-signup"), uniqueEmail("digest-signup")];
    for (const email of signups) expect((await signup(email)).status).toBe(400);
    expect((await login(loginUser.email as string, "198.51.100.21")).status).toBe(200);
    expect((await login(loginUser.email as string, "198.51.100.22")).status).toBe(200);
    expect((await api("PATCH", userPath(changeUser.user_id as string), { password: LEAKED })).status).toBe(200);
    const events = await detectionEvents(5);
    expect(events.map((e) => e.type).sort()).toEqual(["pwd_leak", "pwd_leak", "reset_pwd_leak", "signup_pwd_leak", "signup_pwd_leak"]);

    // No email per detection with daily only.
    await settle();
    expect(await (await db()).emailMessage.count({ where: { kind: "password_breach_admin" } })).toBe(0);

    // Before the day has ended nothing is due for it (yesterday had no detections: nothing sent).
    const day = startOfUtcDay(events[0]!.date);
    expect(startOfUtcDay(events.at(-1)!.date)).toBe(day);
    expect(await digests(new Date(day + DAY_MS - 1_000))).toEqual([]);
    expect(await digestEmails()).toEqual([]);

    // The day has ended: two instances check at the same moment; one sends.
    const now = new Date(day + DAY_MS + 5 * 60_000);
    const [first, second] = await Promise.all([digests(now), digests(now)]);
    const sent = [...first, ...second];
    expect(sent).toEqual([{ frequency: "daily", start: new Date(day), end: new Date(day + DAY_MS), detections: 5, recipients: 2 }]);

    const emails = await digestEmails();
    expect(emails.map((e) => e.to).sort()).toEqual([secondOperator, TEST_ADMIN_EMAIL].sort());
    const dayLabel = new Date(day).toISOString().slice(0, 10);
    // The events' IP is the request's (the trusted backend's), as in every log event.
    const users = new Set(events.map((e) => e.user_id ?? e.user_name)).size;
    const ips = new Set(events.map((e) => e.ip).filter(Boolean)).size;
    expect(users).toBe(4);
    for (const email of emails) {
      expect(email.subject).toBe(`Breached password detection: daily digest for ${dayLabel}`);
      expect(email.text).toContain(`found 5 known-breached passwords in the period ${dayLabel} (UTC), for 4 users from ${ips} IP ${ips === 1 ? "address" : "addresses"}.`);
      expect(email.text).toContain("Login: 2 detections, 0 blocked, 2 allowed.");
      expect(email.text).toContain("Signup: 2 detections, 2 blocked, 0 allowed.");
      expect(email.text).toContain("Password change: 1 detection, 0 blocked, 1 allowed.");
      expect(email.text).toContain("The most recent 5:");
      for (const address of signups) expect(email.text).toMatch(new RegExp(`· signup · ${address.replace(/[.+]/g, "\\$&")} · [^·]+ · blocked`));
      expect(email.text.match(new RegExp(`· login · ${(loginUser.email as string).replace(/[.+]/g, "\\$&")} · [^·]+ · allowed`, "g"))).toHaveLength(2);
      expect(email.text).toMatch(/· password change · \S+ · [^·]+ · allowed/);
      expect(email.html).toContain("Signup: 2 detections, 2 blocked, 0 allowed.");
    }
    expect(emails.some((e) => e.to === blockedOperator)).toBe(false);
    const row = await (await db()).notificationDigest.findMany({ where: { frequency: "daily", period_start: new Date(day) } });
    expect(row).toEqual([expect.objectContaining({ kind: "breached_password", detections: 5, recipients: 2, sent_at: expect.any(Date) })]);

    // Checking again, later the same day or an hour later: nothing more.
    expect(await digests(now)).toEqual([]);
    expect(await digests(new Date(now.getTime() + 3_600_000))).toEqual([]);
    expect(await digestEmails()).toHaveLength(2);
  });
});

describe("weekly and monthly digests", () => {
  it("summarize their week and month once each; a stage without admin_notification is left out", async () => {
    // Logins no longer notify: the digests cover signups and password changes only.
    await configure({ shields: [], admin_notification_frequency: ["weekly", "monthly"] });
    const events = (await detectionEvents(5)).filter((e) => e.type !== "pwd_leak");
    const date = events[0]!.date;
    const day = startOfUtcDay(date);
    const nextMonday = day + (7 - ((date.getUTCDay() + 6) % 7)) * DAY_MS;
    const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);

    const weekly = (await digests(new Date(nextMonday + 10 * 60_000))).find((o) => o.frequency === "weekly");
    expect(weekly).toEqual({ frequency: "weekly", start: new Date(nextMonday - 7 * DAY_MS), end: new Date(nextMonday), detections: events.length, recipients: 2 });
    const monthly = (await digests(new Date(nextMonth + 10 * 60_000))).find((o) => o.frequency === "monthly");
    expect(monthly).toEqual({ frequency: "monthly", start: new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)), end: new Date(nextMonth), detections: events.length, recipients: 2 });

    const emails = (await digestEmails()).filter((e) => /(weekly|monthly) digest/.test(e.subject));
    expect(emails).toHaveLength(4);
    expect(emails.filter((e) => /weekly digest/.test(e.subject))).toHaveLength(2);
    expect(emails.filter((e) => /monthly digest/.test(e.subject))).toHaveLength(2);
    for (const email of emails) {
      expect(email.text).not.toContain("Login:");
      expect(email.text).toContain("Signup: 2 detections, 2 blocked, 0 allowed.");
    }
    // Again at the same instants: already sent.
    expect((await digests(new Date(nextMonday + 10 * 60_000))).filter((o) => o.frequency === "weekly")).toEqual([]);
    expect((await digests(new Date(nextMonth + 10 * 60_000))).filter((o) => o.frequency === "monthly")).toEqual([]);
  });

  it("sends nothing while detection is off, and stores `method`", async () => {
    expect((await configure({ enabled: false, method: "enhanced" })).method).toBe("enhanced");
    expect((await api("GET", "/attack-protection/breached-password-detection")).body).toMatchObject({ enabled: false, method: "enhanced" });
    expect(await digests(new Date(Date.now() + 400 * DAY_MS))).toEqual([]);
  });
});
