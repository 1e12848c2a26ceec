// The bot under test: built once (Release), then run from its dll on a free loopback port.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { e2eOutputDir, repoRoot } from './paths.mjs';
import { freePort } from './ports.mjs';
import { answersOk, runToCompletion, startProcess, waitUntil } from './process.mjs';

export const botOutputDir = path.join(repoRoot, 'Bot', 'bin', 'Release', 'net10.0');
export const botDll = path.join(botOutputDir, 'ConcertationBot.Bot.dll');

const dotnetEnv = { DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1' };

let built;

/**
 * `dotnet build Bot -c Release`, once per test process. node --test runs test files in parallel
 * processes, so a lock folder keeps two builds of the same output from running at once.
 */
export function buildBot() {
  built ??= withLock(path.join(repoRoot, 'TestResults', '.bot-build.lock'), () =>
    runToCompletion('dotnet build', 'dotnet', ['build', 'Bot', '-c', 'Release', '--nologo', '-v', 'minimal'], {
      cwd: repoRoot,
      env: dotnetEnv,
      logFile: path.join(e2eOutputDir(), 'bot-build.log'),
    }),
  );
  return built;
}

async function withLock(lockDir, action, { staleMs = 15 * 60_000, timeoutMs = 20 * 60_000 } = {}) {
  mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (isStale(lockDir, staleMs)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lockDir}`);
      await delay(500);
    }
  }
  try {
    return await action();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function isStale(lockDir, staleMs) {
  try {
    return Date.now() - statSync(lockDir).mtimeMs > staleMs;
  } catch (error) {
    if (error.code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Builds (once) and starts the bot on a free port; resolves when GET /healthz answers 200.
 * Options: storageConnectionString (Storage__ConnectionString), env (extra variables, win over defaults).
 * Returns { url, port, messagesUrl, logFile, process, stop() }.
 */
export async function startBot({ storageConnectionString, env = {}, startupTimeoutMs = 120_000 } = {}) {
  await buildBot();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startProcess('bot', 'dotnet', [botDll, '--urls', url], {
    // The output folder holds the appsettings files, so it is the content root.
    cwd: botOutputDir,
    env: {
      ...dotnetEnv,
      ASPNETCORE_ENVIRONMENT: 'Development',
      Concertation__HashKey: randomBytes(32).toString('base64'),
      ...(storageConnectionString ? { Storage__ConnectionString: storageConnectionString } : {}),
      ...env,
    },
    logFile: path.join(e2eOutputDir(), `bot-${port}.log`),
  });
  try {
    await waitUntil(`the bot to answer ${url}/healthz`, () => answersOk(`${url}/healthz`), {
      proc,
      timeoutMs: startupTimeoutMs,
    });
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url, port, messagesUrl: `${url}/api/messages`, logFile: proc.logFile, process: proc, stop: proc.stop };
}
