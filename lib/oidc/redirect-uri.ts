// Allow-list matching for redirect URIs (auth0-authentication.md §C.6).
//
// Callbacks: the redirect_uri must equal an allowed entry exactly (RFC 6749 §3.1.2.3; OAuth 2.1
// drops looser matching), except that an entry may carry one `*` inside the hostname's left-most
// label, which then matches exactly one label (`https://*.example.com` matches
// `https://a.example.com`, not `https://a.b.example.com` nor `https://example.com`).
// Logout URLs: query string and fragment are ignored, scheme and host compare case-insensitively,
// the path case-sensitively, same wildcard rule.

type Parsed = { protocol: string; host: string; port: string; pathname: string; search: string; hash: string };

function parse(value: string): Parsed | null {
  try {
    const url = new URL(value);
    return { protocol: url.protocol, host: url.hostname, port: url.port, pathname: url.pathname, search: url.search, hash: url.hash };
  } catch {
    return null;
  }
}

/** A valid wildcard entry: http(s), one `*`, inside the left-most label of a host with 2+ labels after it. */
export function wildcardHostPattern(entry: string): RegExp | null {
  const match = /^(https?):\/\/([^/?#]*\*[^/?#]*)(.*)$/i.exec(entry);
  if (!match) return null;
  const hostAndPort = match[2]!;
  const [host, ...portParts] = hostAndPort.split(":");
  if (!host || (host.match(/\*/g) ?? []).length !== 1) return null;
  const labels = host.split(".");
  if (!labels[0]!.includes("*") || labels.slice(1).some((l) => l.includes("*")) || labels.length < 3) return null;
  const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  const first = labels[0]!.split("*").map(escape).join("[a-z0-9-]+");
  const rest = labels.slice(1).map(escape).join("\\.");
  const port = portParts.length ? `:${escape(portParts.join(":"))}` : "";
  return new RegExp(`^${match[1]!.toLowerCase()}://${first}\\.${rest}${port}$`, "i");
}

function wildcardMatches(entry: string, candidate: string, compare: (entryRest: string, candidateRest: string) => boolean): boolean {
  const pattern = wildcardHostPattern(entry);
  if (!pattern) return false;
  const entryRest = /^https?:\/\/[^/?#]*(.*)$/i.exec(entry)?.[1] ?? "";
  const url = parse(candidate);
  if (!url) return false;
  const origin = `${url.protocol}//${url.host}${url.port ? `:${url.port}` : ""}`;
  if (!pattern.test(origin)) return false;
  return compare(entryRest, `${url.pathname}${url.search}${url.hash}`);
}

/** Whether `redirectUri` is one of the application's callbacks. */
export function matchesCallback(redirectUri: string, callbacks: readonly string[]): boolean {
  for (const entry of callbacks) {
    if (entry === redirectUri) return true;
    if (entry.includes("*")) {
      const restOf = (s: string) => (s === "" ? "/" : s);
      if (wildcardMatches(entry, redirectUri, (e, c) => restOf(e) === restOf(c))) return true;
    }
  }
  return false;
}

/** Whether `url` is in a logout allow-list (query and fragment ignored). */
export function matchesLogoutUrl(url: string, allowed: readonly string[]): boolean {
  const candidate = parse(url);
  if (!candidate || (candidate.protocol !== "https:" && candidate.protocol !== "http:")) return false;
  for (const entry of allowed) {
    if (entry.includes("*")) {
      if (wildcardMatches(entry, url, (e, c) => (e.split(/[?#]/)[0] || "/") === (c.split(/[?#]/)[0] || "/"))) return true;
      continue;
    }
    const allowedUrl = parse(entry);
    if (!allowedUrl) continue;
    if (
      allowedUrl.protocol === candidate.protocol &&
      allowedUrl.host === candidate.host &&
      allowedUrl.port === candidate.port &&
      allowedUrl.pathname === candidate.pathname
    )
      return true;
  }
  return false;
}

/**
 * /oidc/logout's rule (§7.2): a post_logout_redirect_uri with a query must match an entry that
 * includes that query; without one, the logout-URL rule applies.
 */
export function matchesPostLogoutRedirect(url: string, allowed: readonly string[]): boolean {
  const candidate = parse(url);
  if (!candidate) return false;
  if (!candidate.search) return matchesLogoutUrl(url, allowed);
  return allowed.some((entry) => {
    const allowedUrl = parse(entry);
    return allowedUrl !== null && allowedUrl.search === candidate.search && matchesLogoutUrl(url, [entry]);
  });
}
