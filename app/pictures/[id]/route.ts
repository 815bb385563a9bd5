// GET /pictures/<id>: a picture uploaded in the dashboard (lib/dashboard/users/pictures.ts). Public,
// like any profile picture URL; immutable (a new upload gets a new id), served with its sniffed
// type, nosniff and a CSP that allows nothing to run.
import { ready } from "@/lib/boot/ready.ts";
import { findPicture } from "@/lib/dashboard/users/pictures.ts";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const picture = await findPicture(await ready(), id);
  if (!picture) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  const etag = `"${picture.sha256}"`;
  const headers = {
    "content-type": picture.content_type,
    "cache-control": "public, max-age=31536000, immutable",
    etag,
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "cross-origin-resource-policy": "cross-origin",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(picture.bytes), { status: 200, headers });
}
