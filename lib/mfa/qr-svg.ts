// The otpauth:// URI as a QR code, for authenticator apps to scan: an SVG made on the server (the
// enrollment page works without JavaScript). The `qr` package (pure JavaScript, no dependencies)
// encodes; here the modules become one path of horizontal runs, which keeps the markup small.
import encodeQR from "qr";

export function qrCodeSvg(text: string, title: string): string {
  // The quiet zone the QR specification asks for (4 modules) is part of the matrix.
  const rows = encodeQR(text, "raw", { ecc: "medium", border: 4 });
  const size = rows.length;
  let path = "";
  rows.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      path += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  });
  const escaped = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escaped}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
