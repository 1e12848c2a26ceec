// The frame the Playground end-to-end tests share: one stack for the file, a fresh browser per step.
import { after, before } from 'node:test';
import { inPlaygroundChannel } from './e2e-shots.mjs';
import { startStack } from './stack.mjs';

export const desktop = { width: 1280, height: 900 };
export const phone = { width: 400, height: 900 };
// A card on a 400 px phone: the screen less the client's margins on both sides.
export const phoneCardWidth = phone.width - 2 * 16;

/**
 * Starts the stack (Azurite, bot, Playground) before the calling file's tests and stops it after them; returns
 * `inBrowser(viewport, failureName, steps, { cardWidth })`, which runs `steps(page)` in a fresh Chromium in `channel`.
 */
export function channelSuite(channel) {
  const stack = sharedStack();
  return (viewport, failureName, steps, { cardWidth } = {}) =>
    inPlaygroundChannel({ url: stack().playground.url, channel, viewport, failureName, cardWidth }, steps);
}

/** Starts the stack before the calling file's tests and stops it after them; returns a getter of the running stack. */
export function sharedStack() {
  let stack;

  before(async () => {
    stack = await startStack();
  }, { timeout: 600_000 });

  after(async () => {
    await stack?.stop();
  });

  return () => stack;
}
