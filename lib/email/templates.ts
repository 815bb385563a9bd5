// The text and HTML of Gatehouse's emails: plain, readable, the same words in both parts. Every
// interpolated value is escaped in the HTML part (names and emails come from users). Links are
// absolute URLs on the issuer; the HTML shows them as a button and as text, for clients that strip
// links.
import { escapeHtml } from "../http/html.ts";

export type EmailKind = "verification" | "password_reset" | "blocked_account" | "welcome" | "password_breach" | "password_breach_admin" | "password_breach_digest" | "import_completed";

export type RenderedEmail = { subject: string; text: string; html: string; links: string[] };

type Paragraph = string;

function render(input: { subject: string; greeting: string; paragraphs: Paragraph[]; action?: { label: string; url: string }; footer: Paragraph[]; tenant: string }): RenderedEmail {
  const { subject, greeting, paragraphs, action, footer, tenant } = input;
  const text = [
    greeting,
    "",
    ...paragraphs.flatMap((p) => [p, ""]),
    ...(action ? [`${action.label}:`, action.url, ""] : []),
    ...footer.flatMap((p) => [p, ""]),
    `— ${tenant}`,
    "",
  ].join("\n");
  const p = (value: string) => `<p style="margin:0 0 16px">${escapeHtml(value)}</p>`;
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600;display:inline-block">${escapeHtml(action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#475569">If the button does not work, copy this address into your browser:<br><span style="word-break:break-all">${escapeHtml(action.url)}</span></p>`
    : "";
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">` +
    `<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">` +
    p(greeting) +
    paragraphs.map(p).join("") +
    button +
    footer.map((f) => `<p style="margin:0 0 12px;font-size:13px;color:#475569">${escapeHtml(f)}</p>`).join("") +
    `<p style="margin:16px 0 0;font-size:13px;color:#475569">— ${escapeHtml(tenant)}</p>` +
    `</div></body></html>`;
  return { subject, text, html, links: action ? [action.url] : [] };
}

const greetingFor = (name: string | null | undefined) => (name ? `Hello ${name},` : "Hello,");

function hours(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? "" : "s"}`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} hour${seconds === 3_600 ? "" : "s"}`;
  return `${Math.round(seconds / 60)} minutes`;
}

export function verificationEmail(input: { tenant: string; name?: string | null; email: string; url: string; ttlSeconds: number }): RenderedEmail {
  return render({
    tenant: input.tenant,
    subject: `Verify your email address for ${input.tenant}`,
    greeting: greetingFor(input.name),
    paragraphs: [`Please confirm that ${input.email} is your email address.`],
    action: { label: "Verify my email address", url: input.url },
    footer: [`The link works once and expires in ${hours(input.ttlSeconds)}.`, "If you did not create an account, you can ignore this email."],
  });
}

export function passwordResetEmail(input: { tenant: string; name?: string | null; email: string; url: string; ttlSeconds: number }): RenderedEmail {
  return render({
    tenant: input.tenant,
    subject: `Reset your ${input.tenant} password`,
    greeting: greetingFor(input.name),
    paragraphs: [`Someone asked to reset the password of the account ${input.email}. If it was you, choose a new password here.`],
    action: { label: "Choose a new password", url: input.url },
    footer: [
      `The link works once and expires in ${hours(input.ttlSeconds)}.`,
      "If you did not ask for this, ignore this email: your password stays the same.",
    ],
  });
}

export function blockedAccountEmail(input: { tenant: string; name?: string | null; identifier: string; ip: string | null; url: string; ttlSeconds: number }): RenderedEmail {
  return render({
    tenant: input.tenant,
    subject: `Your ${input.tenant} account has been blocked`,
    greeting: greetingFor(input.name),
    paragraphs: [
      `We blocked sign-ins to the account ${input.identifier}${input.ip ? ` from the IP address ${input.ip}` : ""} after several failed attempts in a row.`,
      "If it was you, unblock the account here. If it was not you, someone may be trying to guess your password: consider changing it.",
    ],
    action: { label: "Unblock my account", url: input.url },
    footer: [`The link works once and expires in ${hours(input.ttlSeconds)}. Resetting your password also unblocks the account.`],
  });
}

export function welcomeEmail(input: { tenant: string; name?: string | null; email: string; loginUrl?: string | null }): RenderedEmail {
  return render({
    tenant: input.tenant,
    subject: `Welcome to ${input.tenant}`,
    greeting: greetingFor(input.name),
    paragraphs: [`Your account ${input.email} is ready.`],
    ...(input.loginUrl ? { action: { label: "Sign in", url: input.loginUrl } } : {}),
    footer: ["If you did not create this account, contact the site's support."],
  });
}

/** Auth0's "Password Breach Alert" (auth0-authentication.md F.3), with the reset link that lifts a block. */
export function passwordBreachEmail(input: { tenant: string; name?: string | null; email: string; blocked: boolean; url: string; ttlSeconds: number }): RenderedEmail {
  return render({
    tenant: input.tenant,
    subject: `Password Breach Alert: change your ${input.tenant} password`,
    greeting: greetingFor(input.name),
    paragraphs: [
      `The password of the account ${input.email} appears in a list of passwords exposed in a data breach on another website (not ${input.tenant}).`,
      input.blocked
        ? "To protect you, sign-ins with this password are blocked until you choose a new one."
        : "Anyone who has that list could try it here: choose a new password now.",
      "Change it on every other site where you used it too, and use a different password for each site.",
    ],
    action: { label: "Choose a new password", url: input.url },
    footer: [`The link works once and expires in ${hours(input.ttlSeconds)}.`],
  });
}

/** To the operators: a breached password was used (admin_notification shield). */
export function passwordBreachAdminEmail(input: { tenant: string; stage: string; user: string; ip: string | null; blocked: boolean }): RenderedEmail {
  return render({
    tenant: input.tenant,
    subject: `Breached password detected (${input.stage})`,
    greeting: "Hello,",
    paragraphs: [
      `Breached password detection found a known-breached password at ${input.stage} for ${input.user}${input.ip ? `, from the IP address ${input.ip}` : ""}.`,
      input.blocked ? "The attempt was blocked." : "The attempt was allowed (the block shield is off for this stage).",
      "The tenant's logs have the details (types pwd_leak, signup_pwd_leak, reset_pwd_leak).",
    ],
    footer: ["You receive this because you are an operator of this Gatehouse tenant and admin notifications are on."],
  });
}

export type BreachDigestContent = {
  tenant: string;
  /** daily | weekly | monthly */
  frequency: string;
  /** The period as the email names it (UTC), e.g. `2026-11-25`, `November 2026`. */
  period: string;
  total: number;
  stages: { stage: string; detections: number; blocked: number }[];
  users: number;
  ips: number;
  recent: { date: Date; stage: string; user: string | null; ip: string | null; blocked: boolean }[];
};

/** To the operators: the breached passwords detected in a period (admin_notification_frequency daily/weekly/monthly). */
export function passwordBreachDigestEmail(input: BreachDigestContent): RenderedEmail {
  const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  const when = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return render({
    tenant: input.tenant,
    subject: `Breached password detection: ${input.frequency} digest for ${input.period}`,
    greeting: "Hello,",
    paragraphs: [
      `Breached password detection found ${plural(input.total, "known-breached password")} in the period ${input.period} (UTC), for ${plural(input.users, "user")} from ${plural(input.ips, "IP address", "IP addresses")}.`,
      ...input.stages.map((s) => `${s.stage[0]!.toUpperCase()}${s.stage.slice(1)}: ${plural(s.detections, "detection")}, ${s.blocked.toLocaleString("en-US")} blocked, ${(s.detections - s.blocked).toLocaleString("en-US")} allowed.`),
      ...(input.recent.length > 0 ? [`The most recent ${input.recent.length === 1 ? "one" : input.recent.length}:`] : []),
      ...input.recent.map((r) => `${when(r.date)} · ${r.stage} · ${r.user ?? "an unknown user"} · ${r.ip ?? "no IP address"} · ${r.blocked ? "blocked" : "allowed"}`),
      "A login with a breached password is logged at most once an hour per IP address. The tenant's logs have every event (types pwd_leak, signup_pwd_leak, reset_pwd_leak).",
    ],
    footer: [`You receive this because you are an operator of this Gatehouse tenant and ${input.frequency} admin notifications are on.`],
  });
}
