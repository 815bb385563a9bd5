// Default user pictures: `/avatars/<initials>.svg` (lib/services/users/default-picture.ts). Public,
// immutable for a given name, no database (rendered per request; the response is cached by browsers
// and proxies for a year).
import { renderInitialsAvatar } from "@/lib/services/users/render-initials-avatar.ts";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, context: { params: Promise<{ name: string }> }): Promise<Response> {
  const { name } = await context.params;
  const svg = renderInitialsAvatar(name);
  if (svg === null) return new Response("Not Found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  return new Response(svg, {
    headers: {
      "content-type": "image/svg+xml; charset=utf-8",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      // An SVG opened directly must not run anything (it never contains script; this makes sure).
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "cross-origin-resource-policy": "cross-origin",
    },
  });
}
