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
