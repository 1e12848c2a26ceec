// Steps a person takes in the Agents Playground's web UI (0.2.28), for Playwright pages.
// The UI is not responsive: below about 800 px the log panel covers the chat and the
// conversation list hides behind the "Toggle app bar and conversation window" button.

const narrowWidth = 800;

function isNarrow(page) {
  return (page.viewportSize()?.width ?? 1280) < narrowWidth;
}

/** Opens a conversation from the left rail ("Personal Chat", the group chat's name, a channel name). */
export async function openConversation(page, name) {
  const entry = page.getByText(name, { exact: true }).first();
  if (!isNarrow(page)) {
    await entry.click();
    return;
  }
  const hideLog = page.getByTitle('Hide log panel');
  if (await hideLog.isVisible()) await hideLog.click();
  const toggle = page.getByTitle('Toggle app bar and conversation window');
  await toggle.click();
  await entry.click();
  await toggle.click();
}

/** Types `text` in the compose box of the open chat and presses Enter. */
export async function sendMessage(page, text, { timeoutMs = 30_000 } = {}) {
  const compose = page.locator('[contenteditable=true]').first();
  await compose.waitFor({ state: 'visible', timeout: timeoutMs });
  await compose.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Adaptive Cards on the page that have a text block reading exactly `heading`. */
export function cardsWithHeading(page, heading) {
  return page.locator('.ac-adaptiveCard').filter({ has: page.locator('.ac-textBlock').getByText(heading, { exact: true }) });
}

/** Waits until more than `count` cards have a text block reading exactly `heading`. */
export async function waitForMoreCards(page, heading, count, { timeoutMs = 60_000 } = {}) {
  await page.waitForFunction(
    ([wanted, known]) =>
      [...document.querySelectorAll('.ac-adaptiveCard')].filter((card) =>
        [...card.querySelectorAll('.ac-textBlock')].some((block) => block.innerText.trim() === wanted),
      ).length > known,
    [heading, count],
    { timeout: timeoutMs },
  );
}

/**
 * Starts a new post in the open channel ("Start a new post", then "Post"). The Playground, like Teams, hands a
 * channel post to the bot only when it @mentions the bot, so the post begins with a mention picked from the
 * editor's "@" menu (the message reaches the bot as "<at>name</at> text" with a mention entity).
 */
export async function postInChannel(page, text, { mention = 'ConcertationBot', timeoutMs = 30_000 } = {}) {
  const composer = page.locator('.fui-Card').filter({ has: page.getByRole('button', { name: 'Post', exact: true }) }).first();
  const editor = composer.locator('[contenteditable=true][role=textbox]').first();
  await editor.waitFor({ state: 'visible', timeout: timeoutMs });
  await editor.click();
  if (mention) {
    await page.keyboard.type(`@${mention.slice(0, 4)}`);
    await page.getByRole('menuitem', { name: mention }).click({ timeout: timeoutMs });
    await page.keyboard.type(' ');
  }
  await page.keyboard.type(text);
  await composer.getByRole('button', { name: 'Post', exact: true }).click();
}

function textMatcher(pattern) {
  return pattern instanceof RegExp
    ? { source: pattern.source, flags: pattern.flags }
    : { source: `^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: '' };
}

/**
 * Adaptive Cards on the page with a text block whose whole text matches `pattern`: a string (exact, after
 * trimming) or a RegExp (French typography puts U+00A0/U+202F before ":;?!", so match those with \s).
 */
export function cardsWithText(page, pattern) {
  const { source, flags } = textMatcher(pattern);
  const regex = new RegExp(source, flags);
  return page.locator('.ac-adaptiveCard').filter({ has: page.locator('.ac-textBlock').filter({ hasText: regex }) });
}

/**
 * Waits until some Adaptive Card has a text block matching `pattern` (see cardsWithText) and returns the last
 * such card. A card replaced in place (Action.Execute) is found again by its new text.
 */
export async function waitForCard(page, pattern, { timeoutMs = 60_000 } = {}) {
  await page.waitForFunction(
    ({ source, flags }) => {
      const regex = new RegExp(source, flags);
      return [...document.querySelectorAll('.ac-adaptiveCard')].some((card) =>
        [...card.querySelectorAll('.ac-textBlock')].some((block) => regex.test(block.innerText.trim())),
      );
    },
    textMatcher(pattern),
    { timeout: timeoutMs },
  );
  return cardsWithText(page, pattern).last();
}

/** Clicks the button titled `title` on `card` (an Adaptive Card locator). */
export async function clickCardButton(card, title, { timeoutMs = 30_000 } = {}) {
  await card.getByRole('button', { name: title, exact: true }).click({ timeout: timeoutMs });
}

/**
 * The Playground lays chats out at a fixed width (a channel column of at least 600 px, cards 446 px wide), so a
 * narrow window only scrolls sideways and never narrows a card. This squeezes every Adaptive Card (and its
 * preview panel) to `widthPx`, as a phone would: the official renderer then wraps and stacks the card's content
 * as it does in a narrow client. Call it once after the page has loaded.
 */
export async function narrowCards(page, widthPx) {
  const width = `${Math.round(widthPx)}px`;
  await page.addStyleTag({
    content: `.ac-preview-panel, .ac-adaptiveCard { width: ${width} !important; max-width: ${width} !important; min-width: 0 !important; box-sizing: border-box; }`,
  });
}
