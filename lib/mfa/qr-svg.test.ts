// The enrollment QR code: the SVG path, drawn back into pixels, decodes to the otpauth:// URI.
import decodeQR from "qr/decode.js";
import { describe, expect, it } from "vitest";
import { qrCodeSvg } from "./qr-svg.ts";

function rasterize(svg: string, scale = 4): { width: number; height: number; data: Uint8Array } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const width = size * scale;
  const data = new Uint8Array(width * width * 4).fill(255);
  const path = /<path d="([^"]+)"/.exec(svg)![1]!;
  for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let dx = 0; dx < Number(run) * scale; dx++)
      for (let dy = 0; dy < scale; dy++) {
        const offset = ((Number(y) * scale + dy) * width + Number(x) * scale + dx) * 4;
        data.fill(0, offset, offset + 3);
      }
  }
  return { width, height: width, data };
}

describe("qrCodeSvg", () => {
  it("encodes the text so that a reader gets it back, with a quiet zone and an accessible name", () => {
    const uri = "otpauth://totp/Acme:ann%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme&algorithm=SHA1&digits=6&period=30";
    const svg = qrCodeSvg(uri, "QR code <for> \"Acme\"");
    expect(svg).toContain('aria-label="QR code &lt;for&gt; &quot;Acme&quot;"');
    expect(svg).not.toMatch(/M[0-3] /);
    expect(decodeQR(rasterize(svg))).toBe(uri);
  });
});
