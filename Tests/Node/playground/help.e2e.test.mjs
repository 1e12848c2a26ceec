// End to end: a person types "aide" in the Playground's personal chat and sees the help card.
// The Playground always sends locale en-US, so the card is the English one.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { launchChromium } from '../support/browser.mjs';
import { sharedStack } from '../support/channel-suite.mjs';
import { e2eOutputDir } from '../support/paths.mjs';
import { cardsWithHeading, openConversation, sendMessage, waitForMoreCards } from '../support/playground-ui.mjs';

const helpHeading = 'ConcertationBot help';
const welcomeHeading = 'Welcome to ConcertationBot';

const stack = sharedStack();

const views = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, screenshot: 'help-card.png', cardOnly: false },
  { name: 'phone width', viewport: { width: 400, height: 900 }, screenshot: 'help-card-phone.png', cardOnly: true },
];

for (const view of views) {
  test(`aide in personal chat shows the help card (${view.name})`, { timeout: 180_000 }, async () => {
    const browser = await launchChromium({ viewport: view.viewport });
    const { page } = browser;
    try {
      await page.goto(stack().playground.url);
      await openConversation(page, 'Personal Chat');

      // The chat keeps earlier messages (and the welcome card): wait for one more help card than before.
      const helpCards = cardsWithHeading(page, helpHeading);
      const known = await helpCards.count();
      await sendMessage(page, 'aide');
      await assert.doesNotReject(
        waitForMoreCards(page, helpHeading, known),
        `no new Adaptive Card headed "${helpHeading}" appeared after typing aide`,
      );

      const card = helpCards.last();
      const text = await card.innerText();
      assert.ok(text.includes(helpHeading), `the card reads: ${text}`);
      assert.ok(!text.includes(welcomeHeading), 'the card found is the welcome card, not the help card');

      await card.scrollIntoViewIfNeeded();
      const file = path.join(e2eOutputDir(), view.screenshot);
      if (view.cardOnly) {
        await card.screenshot({ path: file });
      } else {
        await page.screenshot({ path: file });
      }
    } catch (error) {
      await page
        .screenshot({ path: path.join(e2eOutputDir(), `failed-${view.screenshot}`) })
        .catch((screenshotError) => console.error(`could not save a failure screenshot: ${screenshotError}`));
      throw error;
    } finally {
      await browser.close();
    }
  });
}
