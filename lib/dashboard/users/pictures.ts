// Pictures uploaded in the dashboard (model UploadedPicture): checked by their bytes (PNG, JPEG,
// GIF, WebP; never SVG, which can carry script), at most MAX_PICTURE_BYTES, stored in the database
// so every instance serves them, at the stable URL <issuer>pictures/<id> (app/pictures/[id]/route.ts).
import { createHash } from "node:crypto";
import type { DbOrTx } from "../../db/client.ts";
import { randomAlphanumeric } from "../../crypto/random.ts";
import { env } from "../../env.ts";
import { invalid } from "../../services/errors.ts";

/** Under Next.js's 1 MB server-action body limit, with room for the form around it. */
export const MAX_PICTURE_BYTES = 512 * 1024;
export const PICTURE_ID = /^pic_[A-Za-z0-9]{24}$/;

export type PictureType = "image/png" | "image/jpeg" | "image/gif" | "image/webp";

/** The image type the bytes really are, or null. */
export function sniffPictureType(bytes: Uint8Array): PictureType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return "image/gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "image/webp";
  return null;
}

export function checkPicture(bytes: Uint8Array): PictureType {
  if (bytes.length === 0) throw invalid("The file is empty.");
  if (bytes.length > MAX_PICTURE_BYTES) throw invalid(`The picture is ${Math.ceil(bytes.length / 1024)} KB; at most ${MAX_PICTURE_BYTES / 1024} KB are allowed.`);
  const type = sniffPictureType(bytes);
  if (!type) throw invalid("The file is not a PNG, JPEG, GIF or WebP image.");
  return type;
}

export const pictureUrl = (id: string) => `${env().issuer}pictures/${id}`;

export async function storePicture(db: DbOrTx, userId: string, bytes: Uint8Array): Promise<{ id: string; url: string }> {
  const contentType = checkPicture(bytes);
  const id = `pic_${randomAlphanumeric(24)}`;
  await db.uploadedPicture.create({
    data: { id, user_id: userId, content_type: contentType, bytes: Buffer.from(bytes), size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") },
  });
  return { id, url: pictureUrl(id) };
}

export async function findPicture(db: DbOrTx, id: string) {
  if (!PICTURE_ID.test(id)) return null;
  return db.uploadedPicture.findUnique({ where: { id }, select: { content_type: true, bytes: true, sha256: true } });
}

/** Pictures of a user other than the one in use (after a change) or all (after a delete). */
export async function deleteUnusedPictures(db: DbOrTx, userId: string, keepUrl?: string | null): Promise<void> {
  const keep = keepUrl?.startsWith(`${env().issuer}pictures/`) ? keepUrl.slice(`${env().issuer}pictures/`.length) : undefined;
  await db.uploadedPicture.deleteMany({ where: { user_id: userId, ...(keep ? { id: { not: keep } } : {}) } });
}
