import { createHash } from "node:crypto";

// Small server-rendered HTML answers of protocol routes (the form_post response, redirects to the
// hosted error page). Everything interpolated is escaped.
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * OAuth 2.0 Form Post Response Mode: an auto-submitting form. Works without JavaScript (the
 * button), and the CSP allows only this page's own inline script by hash.
 */
export function formPostPage(action: string, fields: Record<string, string>): Response {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
  const script = "document.forms[0].submit()";
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Continuing…</title></head><body><form method="post" action="${escapeHtml(action)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form><script>${script}</script></body></html>`;
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "content-security-policy": `default-src 'none'; script-src 'sha256-${sha256Base64(script)}'; form-action ${new URL(action).origin}`,
      "x-frame-options": "DENY",
    },
  });
}

function sha256Base64(value: string): string {
  return createHash("sha256").update(value).digest("base64");
}

export function redirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 302, headers: { location, "cache-control": "no-store", ...headers } });
}
