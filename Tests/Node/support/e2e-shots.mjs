// Screenshots and browser sessions shared by the Playground end-to-end tests.
import path from 'node:path';
import { launchChromium } from './browser.mjs';
import { e2eOutputDir } from './paths.mjs';
import { narrowCards, openConversation } from './playground-ui.mjs';

/** The path of a screenshot in TestResults/e2e/. */
export function shot(name) {
  return path.join(e2eOutputDir(), name);
}

/**
 * A card-only screenshot. The chat scrolls inside its own pane under a fixed top bar, so a card taller than the
 * window would come out cut or covered: the window grows (same width) until the card fits, centred, then shrinks back.
 */
export async function cardShot(card, name) {
  const page = card.page();
  const viewport = page.viewportSize();
  const { height } = await card.boundingBox();
  const needed = Math.ceil(height) + 400;
  if (needed > viewport.height) await page.setViewportSize({ width: viewport.width, height: needed });
  try {
    await card.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.evaluate(() => document.fonts.ready);
    await card.screenshot({ path: shot(name), animations: 'disabled' });
  } finally {
    if (needed > viewport.height) await page.setViewportSize(viewport);
  }
}

/**
 * Runs `steps(page)` in a fresh Chromium on the Playground at `url`, in the conversation `channel`; cards are
 * squeezed to `cardWidth` when given (phone runs). On failure the whole page is saved as failed-<failureName>.png.
 */
export async function inPlaygroundChannel({ url, channel, viewport, failureName, cardWidth }, steps) {
  const browser = await launchChromium({ viewport });
  const { page } = browser;
  try {
    await page.goto(url);
    if (cardWidth) await narrowCards(page, cardWidth);
    await openConversation(page, channel);
    await steps(page);
  } catch (error) {
    await page
      .screenshot({ path: shot(`failed-${failureName}.png`), fullPage: true })
      .catch((screenshotError) => console.error(`could not save a failure screenshot: ${screenshotError}`));
    throw error;
  } finally {
    await browser.close();
  }
}
