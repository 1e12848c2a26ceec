// Renders Adaptive Cards with Microsoft's official JS renderer (adaptivecards) in headless Chromium at phone width,
// then acts like a user: types one more character at the end of every text input that has a maxLength, and presses
// every card-level action (the card is rendered again before each press).
// Input (stdin): JSON array of {name, card, clickAll?}. Output (stdout): JSON array of
// {name, overflowPx, heightPx, inputs: [{id, valueLength, maxLength, lengthAfterTyping}], executed: [{title, verb, data}],
//  clicked?: [{title, verb, data, topPx, rightPx}]}.
// With clickAll, every action of the card (ActionSets in the body too) is clicked on its rendered button, in order,
// the card rendered again before each click; topPx and rightPx are where the button was drawn.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererPath = path.join(here, '..', '..', '..', 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js');
const PHONE_WIDTH = 400;

async function readStdin() {
  let input = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) input += chunk;
  return JSON.parse(input);
}

// Runs in the page: renders `card` into #host and returns what the user would see.
function renderInPage(card) {
  const host = document.getElementById('host');
  host.replaceChildren();
  const adaptive = new AdaptiveCards.AdaptiveCard();
  window.executed = [];
  adaptive.onExecuteAction = (action) => {
    window.executed.push({ title: action.title, verb: action.verb, data: action.data });
  };
  adaptive.parse(card);
  const element = adaptive.render();
  host.appendChild(element);
  window.renderedCard = adaptive;
  const inputs = adaptive.getAllInputs().filter((i) => i.getJsonTypeName() === 'Input.Text').map((i) => ({
    id: i.id,
    valueLength: [...(i.renderedInputControlElement.value ?? '')].length,
    maxLength: i.renderedInputControlElement.maxLength,
  }));
  return { overflowPx: Math.max(0, element.scrollWidth - element.clientWidth), heightPx: Math.round(element.getBoundingClientRect().height), inputs };
}

const cards = await readStdin();
const browser = await launchChromium({ viewport: { width: PHONE_WIDTH, height: 900 } });
try {
  const { page } = browser;
  await page.setContent(`<!doctype html><meta charset="utf-8"><div id="host" style="width:${PHONE_WIDTH}px"></div>`);
  await page.addScriptTag({ path: rendererPath });
  const results = [];
  for (const { name, card, clickAll } of cards) {
    const rendered = await page.evaluate(renderInPage, card);
    for (const [index, input] of rendered.inputs.entries()) {
      if (!(input.maxLength > 0)) continue;
      const control = page.locator('#host textarea, #host input[type=text]').nth(index);
      await control.focus();
      await control.press('End');
      await page.keyboard.press('Control+End');
      await page.keyboard.type('x');
      input.lengthAfterTyping = [...(await control.inputValue())].length;
    }
    const executed = [];
    const buttonCount = await page.evaluate(() => window.renderedCard.getActionCount());
    for (let i = 0; i < buttonCount; i++) {
      await page.evaluate(renderInPage, card);
      await page.evaluate((index) => window.renderedCard.getActionAt(index).execute(), i);
      executed.push(...(await page.evaluate(() => window.executed)));
    }
    const result = { name, ...rendered, executed };
    if (clickAll) {
      result.clicked = [];
      const actionCount = await page.evaluate(() => new Set(window.renderedCard.getAllActions()).size);
      for (let i = 0; i < actionCount; i++) {
        await page.evaluate(renderInPage, card);
        const box = await page.evaluate((index) => {
          // getAllActions lists an ActionSet's actions more than once: each action counts once, in order.
          const button = [...new Set(window.renderedCard.getAllActions())][index].renderedElement;
          const rect = button.getBoundingClientRect();
          button.click();
          return { topPx: Math.round(rect.top), rightPx: Math.round(rect.right) };
        }, i);
        const [done] = await page.evaluate(() => window.executed);
        result.clicked.push({ ...done, ...box });
      }
    }
    results.push(result);
  }
  process.stdout.write(JSON.stringify(results));
} finally {
  await browser.close();
}
