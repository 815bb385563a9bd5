// The SVG behind default pictures (default-picture.ts): a coloured disc with one or two initials.
// The name is checked against a closed pattern before anything is rendered, so the SVG only ever
// contains [A-Z0-9]; the colour is derived from the initials, so an avatar never changes.
import { createHash } from "node:crypto";

const NAME = /^([a-z0-9]{1,2}|default)\.svg$/;

const COLOURS = ["#1f6feb", "#8250df", "#bf3989", "#cf222e", "#bc4c00", "#4d2d00", "#1a7f37", "#0969da", "#6e7781", "#116329", "#953800", "#0550ae"];

/** The SVG for `<initials>.svg` (or `default.svg`), or null for any other name. */
export function renderInitialsAvatar(name: string): string | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const initials = match[1] === "default" ? "" : match[1]!.toUpperCase();
  const colour = COLOURS[createHash("sha256").update(initials).digest()[0]! % COLOURS.length]!;
  const text = initials
    ? `<text x="50%" y="50%" dy=".35em" text-anchor="middle" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif" font-size="${initials.length === 1 ? 56 : 48}" font-weight="600" fill="#ffffff">${initials}</text>`
    : `<circle cx="64" cy="50" r="22" fill="#ffffff" fill-opacity=".85"/><path d="M24 112c4-22 20-34 40-34s36 12 40 34" fill="#ffffff" fill-opacity=".85"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="${initials || "User"}"><circle cx="64" cy="64" r="64" fill="${colour}"/>${text}</svg>`;
}
