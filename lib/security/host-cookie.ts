// Names and attributes of Gatehouse's own browser cookies.
//
// With an https:// issuer, cookies get the `__Host-` prefix: the browser then only accepts them
// with Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite them (the
// classic way around double-submit CSRF tokens). __Host- requires Secure, which plain http://
// cannot carry, so a local http:// issuer falls back to the bare name.
import { env } from "../env.ts";

export type HostCookie = {
  name: string;
  options: { httpOnly: true; sameSite: "lax"; secure: boolean; path: "/"; maxAge?: number };
};

/** The cookie `base` (e.g. "gatehouse-csrf") as this instance names and sets it. */
export function hostCookie(base: string, maxAgeSeconds?: number): HostCookie {
  const secure = env().issuer.startsWith("https://");
  return {
    name: secure ? `__Host-${base}` : base,
    options: {
      httpOnly: true,
      // Lax: sent on top-level navigations from other sites (links into a login page work), never
      // on their cross-site POSTs, images or fetches.
      sameSite: "lax",
      secure,
      path: "/",
      ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
    },
  };
}
