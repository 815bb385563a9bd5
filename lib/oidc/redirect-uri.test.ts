import { describe, expect, it } from "vitest";
import { matchesCallback, matchesLogoutUrl, matchesPostLogoutRedirect, wildcardHostPattern } from "./redirect-uri.ts";

describe("matchesCallback (exact, with Auth0's subdomain wildcard)", () => {
  it.each([
    ["https://app.example.com/callback", ["https://app.example.com/callback"], true],
    ["https://app.example.com/callback/", ["https://app.example.com/callback"], false],
    ["https://app.example.com/callback?x=1", ["https://app.example.com/callback"], false],
    ["https://app.example.com/Callback", ["https://app.example.com/callback"], false],
    ["https://evil.com/callback", ["https://app.example.com/callback"], false],
    ["https://app.example.com.evil.com/callback", ["https://app.example.com/callback"], false],
    ["http://app.example.com/callback", ["https://app.example.com/callback"], false],
    ["https://a.example.com/cb", ["https://*.example.com/cb"], true],
    ["https://A.example.com/cb", ["https://*.example.com/cb"], true],
    ["https://a.b.example.com/cb", ["https://*.example.com/cb"], false],
    ["https://example.com/cb", ["https://*.example.com/cb"], false],
    ["https://evil.com/.example.com/cb", ["https://*.example.com/cb"], false],
    ["https://a.example.com/cb/x", ["https://*.example.com/cb"], false],
    ["https://prefix-1-suffix.example.com/", ["https://prefix-*-suffix.example.com"], true],
    ["https://x.com/", ["https://*.com"], false],
    ["https://a.b.example.com/", ["https://a.*.example.com"], false],
    ["myapp://callback", ["myapp://callback"], true],
    ["myapp://cb", ["myapp://*"], false],
  ])("%s against %j -> %s", (uri, list, expected) => {
    expect(matchesCallback(uri, list)).toBe(expected);
  });

  it("rejects invalid wildcard entries", () => {
    for (const entry of ["https://*.com", "https://*.*.example.com", "https://sub.*.example.com", "ftp://*.example.com", "*.example.com"])
      expect(wildcardHostPattern(entry), entry).toBeNull();
  });
});

describe("logout URLs", () => {
  it("ignores query and fragment, host case-insensitive, path case-sensitive", () => {
    expect(matchesLogoutUrl("https://APP.example.com/bye?x=1#y", ["https://app.example.com/bye"])).toBe(true);
    expect(matchesLogoutUrl("https://app.example.com/Bye", ["https://app.example.com/bye"])).toBe(false);
    expect(matchesLogoutUrl("https://evil.com/bye", ["https://app.example.com/bye"])).toBe(false);
    expect(matchesLogoutUrl("javascript:alert(1)", ["https://app.example.com/bye"])).toBe(false);
    expect(matchesLogoutUrl("https://a.example.com/", ["https://*.example.com"])).toBe(true);
  });
  it("post_logout_redirect_uri with a query needs an entry with that query", () => {
    expect(matchesPostLogoutRedirect("https://app.example.com/bye?p=1", ["https://app.example.com/bye"])).toBe(false);
    expect(matchesPostLogoutRedirect("https://app.example.com/bye?p=1", ["https://app.example.com/bye?p=1"])).toBe(true);
    expect(matchesPostLogoutRedirect("https://app.example.com/bye", ["https://app.example.com/bye"])).toBe(true);
  });
});
