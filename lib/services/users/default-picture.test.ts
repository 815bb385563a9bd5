import { describe, expect, it } from "vitest";
import { GET } from "../../../app/avatars/[name]/route.ts";
import { defaultPictureUrl, initialsOf } from "./default-picture.ts";
import { identityProviderKind, rootAttributesEditable } from "./identity-provider-kind.ts";
import { renderInitialsAvatar } from "./render-initials-avatar.ts";

describe("initialsOf", () => {
  it.each([
    [{ given_name: "Ada", family_name: "Lovelace", name: "Someone Else" }, "al"],
    [{ name: "Grace Brewster Hopper" }, "gh"],
    [{ name: "jane.doe@example.com" }, "jd"],
    [{ email: "x@example.com" }, "x"],
    [{ name: "Zoë Ångström" }, "za"],
    [{ nickname: "prince" }, "pr"],
    [{ name: "王小明" }, ""],
    [{}, ""],
  ])("%j → %s", (profile, initials) => {
    expect(initialsOf(profile)).toBe(initials);
  });

  it("builds the Gatehouse-served URL, never a Gravatar hash", () => {
    expect(defaultPictureUrl({ name: "Ada Lovelace" }, "https://id.example/")).toBe("https://id.example/avatars/al.svg");
    expect(defaultPictureUrl({ name: "王小明" }, "https://id.example/")).toBe("https://id.example/avatars/default.svg");
  });
});

describe("renderInitialsAvatar and /avatars/<name>.svg", () => {
  it("renders only [a-z0-9]{1,2} and default, upper-cased, with a stable colour", () => {
    const svg = renderInitialsAvatar("al.svg")!;
    expect(svg).toContain(">AL</text>");
    expect(renderInitialsAvatar("al.svg")).toBe(svg);
    expect(renderInitialsAvatar("default.svg")).toContain("<svg");
    for (const bad of ["AL.svg", "abc.svg", "al.png", "<x>.svg", "a%22.svg", "../x.svg", ".svg"]) expect(renderInitialsAvatar(bad)).toBeNull();
  });

  it("serves a cacheable, script-free SVG, and 404 for other names", async () => {
    const ok = await GET(new Request("https://id.example/avatars/jd.svg"), { params: Promise.resolve({ name: "jd.svg" }) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(ok.headers.get("cache-control")).toContain("immutable");
    expect(ok.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await ok.text()).not.toMatch(/<script|on\w+=/i);
    const missing = await GET(new Request("https://id.example/avatars/x.png"), { params: Promise.resolve({ name: "x.png" }) });
    expect(missing.status).toBe(404);
  });
});

describe("identityProviderKind", () => {
  it.each([
    ["auth0", "database"],
    ["email", "passwordless"],
    ["sms", "passwordless"],
    ["google-oauth2", "social"],
    ["github", "social"],
    ["samlp", "enterprise"],
    ["waad", "enterprise"],
    ["oidc", "enterprise"],
  ])("%s is %s", (strategy, kind) => {
    expect(identityProviderKind(strategy)).toBe(kind);
  });

  it("lets the API edit provider-supplied root attributes only where the connection does not sync them", () => {
    expect(rootAttributesEditable("auth0", {})).toBe(true);
    expect(rootAttributesEditable("google-oauth2", {})).toBe(false);
    expect(rootAttributesEditable("google-oauth2", { set_user_root_attributes: "on_each_login" })).toBe(false);
    expect(rootAttributesEditable("google-oauth2", { set_user_root_attributes: "on_first_login" })).toBe(true);
    expect(rootAttributesEditable("samlp", { set_user_root_attributes: "never_on_login" })).toBe(true);
  });
});
