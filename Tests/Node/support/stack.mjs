// The whole local stack for end-to-end tests: Azurite (in memory), the bot, the Playground.
import { startAzurite } from './azurite.mjs';
import { startBot } from './bot.mjs';
import { startPlayground } from './playground.mjs';

/**
 * Starts Azurite, the bot (using that Azurite) and the Playground (pointed at the bot).
 * Returns { azurite, bot, playground, stop() }. If a start fails, what already started is stopped.
 */
export async function startStack({ botEnv = {} } = {}) {
  const started = [];
  const stop = () => stopAll(started);
  try {
    const azurite = await startAzurite();
    started.push(azurite);
    const bot = await startBot({ storageConnectionString: azurite.connectionString, env: botEnv });
    started.push(bot);
    const playground = await startPlayground({ botMessagesUrl: bot.messagesUrl });
    started.push(playground);
    return { azurite, bot, playground, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops every started part, newest first; every stop is attempted even if one fails. */
export async function stopAll(parts) {
  const failures = [];
  for (const part of [...parts].reverse()) {
    try {
      await part.stop();
    } catch (error) {
      failures.push(error);
    }
  }
  parts.length = 0;
  if (failures.length > 0) {
    throw new AggregateError(failures, 'some test processes did not stop cleanly');
  }
}
