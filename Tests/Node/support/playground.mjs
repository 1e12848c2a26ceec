// The Microsoft 365 Agents Playground on a free port, pointed at a bot.
// Its working directory is the repository root, so it loads .m365agentsplayground.yml.
import path from 'node:path';
import { e2eOutputDir, nodeBin, repoRoot } from './paths.mjs';
import { freePort } from './ports.mjs';
import { answersOk, startProcess, waitUntil } from './process.mjs';

/**
 * Starts agentsplayground against `botMessagesUrl` (the bot's /api/messages).
 * Returns { url, port, logFile, activityLogFile, process, stop() }.
 */
export async function startPlayground({ botMessagesUrl, startupTimeoutMs = 60_000 }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const activityLogFile = path.join(e2eOutputDir(), `playground-${port}-activities.log`);
  const proc = startProcess(
    'playground',
    nodeBin('agentsplayground'),
    // --disable-telemetry is the Playground's own switch; it has no environment variable for it.
    ['-e', botMessagesUrl, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    {
      cwd: repoRoot,
      env: { TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: activityLogFile },
      logFile: path.join(e2eOutputDir(), `playground-${port}.log`),
    },
  );
  try {
    await waitUntil(`the Playground to answer ${url}/`, () => answersOk(`${url}/`), { proc, timeoutMs: startupTimeoutMs });
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url, port, logFile: proc.logFile, activityLogFile, process: proc, stop: proc.stop };
}
