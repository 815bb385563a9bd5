import { describe, expect, it } from "vitest";
import { AppError } from "../../services/errors.ts";
import { checkPicture, MAX_PICTURE_BYTES, sniffPictureType } from "./pictures.ts";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("uploaded pictures", () => {
  it.each([
    ["png", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), "image/png"],
    ["jpeg", bytes(0xff, 0xd8, 0xff, 0xe0), "image/jpeg"],
    ["gif89a", new TextEncoder().encode("GIF89a...."), "image/gif"],
    ["webp", new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "), "image/webp"],
  ])("recognizes %s by its bytes", (_name, data, type) => {
    expect(sniffPictureType(data)).toBe(type);
  });

  it.each([
    ["svg", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ["html", new TextEncoder().encode("<html><script>alert(1)</script>")],
    ["truncated png", bytes(0x89, 0x50, 0x4e)],
  ])("refuses %s", (_name, data) => {
    expect(sniffPictureType(data)).toBeNull();
    expect(() => checkPicture(data)).toThrow(AppError);
  });

  it("refuses empty and oversized files with a message naming the limit", () => {
    expect(() => checkPicture(new Uint8Array())).toThrow("empty");
    const big = new Uint8Array(MAX_PICTURE_BYTES + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(() => checkPicture(big)).toThrow("at most 512 KB");
  });
});
