// Screenshot of one Adaptive Card as the official JS renderer (adaptivecards) draws it in headless Chromium, at a
// given width (368 px: a phone's card width in Teams). Used for the before/after pictures in docs/screenshots/.
//   node Tests/Node/cards/shot-card.mjs card.json out.png [widthPx]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererPath = path.join(here, '..', '..', '..', 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js');
const [cardPath, outPath, widthArg] = process.argv.slice(2);
if (!cardPath || !outPath) {
  console.error('usage: node Tests/Node/cards/shot-card.mjs card.json out.png [widthPx]');
  process.exit(2);
}

const width = Number(widthArg ?? 368);
const card = JSON.parse(readFileSync(cardPath, 'utf8'));
const browser = await launchChromium({ viewport: { width, height: 800 } });
try {
  const { page } = browser;
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>body{margin:0;font-family:"Segoe UI",sans-serif;background:#fff}#host{width:${width}px}</style><div id="host"></div>`);
  await page.addScriptTag({ path: rendererPath });
  await page.evaluate((json) => {
    const adaptive = new AdaptiveCards.AdaptiveCard();
    adaptive.parse(json);
    document.getElementById('host').appendChild(adaptive.render());
  }, card);
  const host = page.locator('#host');
  const { height } = await host.boundingBox();
  await page.setViewportSize({ width, height: Math.ceil(height) });
  await host.screenshot({ path: outPath });
  console.log(`${outPath}: ${width} × ${Math.ceil(height)} px`);
} finally {
  await browser.close();
}
