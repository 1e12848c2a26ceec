// Draws the two Teams icons with plain pixel math and writes them next to manifest.json:
//   color.png   192x192, warm rounded square with the white "round table" mark
//   outline.png  32x32,  the same mark in white on a fully transparent background
// The mark: a table (ring) with five seats (dots) around it, one per Collective Impact condition.
// Run: node manifest/icons/make-icons.mjs   (the PNGs are committed; tests check they match this script)
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePng } from "../../scripts/lib-manifest/png.mjs";

export const ACCENT = { top: [0xe0, 0x6c, 0x3e], bottom: [0xc4, 0x4a, 0x32] }; // terracotta gradient
export const ACCENT_HEX = "#D4583A";

const SUBSAMPLES = 8; // 8x8 samples per pixel for anti-aliasing

function insideRoundedSquare(x, y, size, radius) {
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** Signed membership test for the mark, in a coordinate system where the canvas is `size` wide. */
function markContains(x, y, mark) {
  const dx = x - mark.cx;
  const dy = y - mark.cy;
  const d = Math.hypot(dx, dy);
  if (Math.abs(d - mark.ringRadius) <= mark.ringWidth / 2) {
    return true;
  }
  for (let k = 0; k < 5; k++) {
    const angle = -Math.PI / 2 + (k * 2 * Math.PI) / 5;
    const sx = mark.cx + mark.seatDistance * Math.cos(angle);
    const sy = mark.cy + mark.seatDistance * Math.sin(angle);
    if ((x - sx) ** 2 + (y - sy) ** 2 <= mark.seatRadius ** 2) {
      return true;
    }
  }
  return false;
}

function coverage(px, py, test) {
  let hits = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      if (test(px + (sx + 0.5) / SUBSAMPLES, py + (sy + 0.5) / SUBSAMPLES)) {
        hits++;
      }
    }
  }
  return hits / (SUBSAMPLES * SUBSAMPLES);
}

function markFor(size, scale) {
  const c = size / 2;
  return {
    cx: c,
    cy: c + scale * 0.02,
    ringRadius: scale * 0.17,
    ringWidth: scale * 0.065,
    seatDistance: scale * 0.335,
    seatRadius: scale * 0.075,
  };
}

/** RGBA pixels of the 192x192 colour icon. */
export function renderColorIcon() {
  const size = 192;
  const cornerRadius = 40;
  const mark = markFor(size, size * 0.95);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    const t = y / (size - 1);
    const bg = ACCENT.top.map((top, i) => top + (ACCENT.bottom[i] - top) * t);
    for (let x = 0; x < size; x++) {
      const shape = coverage(x, y, (sx, sy) => insideRoundedSquare(sx, sy, size, cornerRadius));
      const white = coverage(x, y, (sx, sy) => markContains(sx, sy, mark));
      const o = (y * size + x) * 4;
      for (let i = 0; i < 3; i++) {
        rgba[o + i] = Math.round(bg[i] + (255 - bg[i]) * white);
      }
      rgba[o + 3] = Math.round(255 * shape);
    }
  }
  return { width: size, height: size, rgba };
}

/** RGBA pixels of the 32x32 outline icon: white only, alpha carries the shape. */
export function renderOutlineIcon() {
  const size = 32;
  const mark = { ...markFor(size, size), ringWidth: 2.1, seatRadius: 2.5 };
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, (sx, sy) => markContains(sx, sy, mark));
      const o = (y * size + x) * 4;
      const alpha = Math.round(255 * a);
      // Fully transparent pixels stay 0,0,0,0; every visible pixel is pure white.
      rgba[o] = rgba[o + 1] = rgba[o + 2] = alpha === 0 ? 0 : 255;
      rgba[o + 3] = alpha;
    }
  }
  return { width: size, height: size, rgba };
}

export function colorPng() {
  const { width, height, rgba } = renderColorIcon();
  return encodePng(width, height, rgba);
}

export function outlinePng() {
  const { width, height, rgba } = renderOutlineIcon();
  return encodePng(width, height, rgba);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifestDir = join(dirname(fileURLToPath(import.meta.url)), "..");
  writeFileSync(join(manifestDir, "color.png"), colorPng());
  writeFileSync(join(manifestDir, "outline.png"), outlinePng());
  console.log(`Wrote ${join(manifestDir, "color.png")} and ${join(manifestDir, "outline.png")}`);
}
