import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { colorPng, outlinePng } from "../../../manifest/icons/make-icons.mjs";
import { decodePng } from "./readers.mjs";

const manifestDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "manifest");
const readIcon = (name) => readFileSync(join(manifestDir, name));
const pixel = (img, x, y) => [...img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

test("colorIcon_CommittedPng_Is192x192WithOpaqueAccentAndWhiteMark", () => {
  const img = decodePng(readIcon("color.png"));

  assert.equal(img.width, 192);
  assert.equal(img.height, 192);
  const [r, g, b, a] = pixel(img, 96, 8); // top edge, inside the rounded square, above the mark
  assert.equal(a, 255);
  assert.ok(r > 180 && g < 140 && b < 100, `expected a warm accent background, got ${[r, g, b]}`);
  const [cr, cg, cb] = pixel(img, 96, 96 + Math.round(192 * 0.95 * 0.02 + 192 * 0.95 * 0.17)); // on the ring
  assert.deepEqual([cr, cg, cb], [255, 255, 255]);
  const whitePixels = countPixels(img, (p) => p[0] === 255 && p[1] === 255 && p[2] === 255 && p[3] === 255);
  assert.ok(whitePixels > 192 * 192 * 0.05, `the white mark covers only ${whitePixels} pixels`);
});

test("outlineIcon_CommittedPng_Is32x32WhiteOnTransparent", () => {
  const img = decodePng(readIcon("outline.png"));

  assert.equal(img.width, 32);
  assert.equal(img.height, 32);
  assert.equal(img.colorType, 6, "the outline icon needs an alpha channel");
  for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]]) {
    assert.equal(pixel(img, x, y)[3], 0, `corner ${x},${y} must be fully transparent`);
  }
  const notWhite = [];
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      const [r, g, b, a] = pixel(img, x, y);
      if (a > 0 && (r !== 255 || g !== 255 || b !== 255)) {
        notWhite.push(`${x},${y}=${[r, g, b, a]}`);
      }
    }
  }
  assert.deepEqual(notWhite, [], "every visible pixel of the outline icon must be white");
  const transparent = countPixels(img, (p) => p[3] === 0);
  const solid = countPixels(img, (p) => p[3] === 255);
  assert.ok(transparent > 32 * 32 * 0.5, `background is mostly transparent (${transparent} of 1024)`);
  assert.ok(solid > 60, `the mark is visible (${solid} solid pixels)`);
});

test("makeIcons_Generator_ReproducesTheCommittedPngs", () => {
  assert.ok(colorPng().equals(readIcon("color.png")), "color.png differs from make-icons.mjs: rerun it");
  assert.ok(outlinePng().equals(readIcon("outline.png")), "outline.png differs from make-icons.mjs: rerun it");
});

function countPixels(img, predicate) {
  let n = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    if (predicate([...img.rgba.subarray(i * 4, i * 4 + 4)])) {
      n++;
    }
  }
  return n;
}
