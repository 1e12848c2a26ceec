// Child processes for the tests: each runs in its own process group, logs to a file,
// and is stopped with its whole group (SIGTERM, then SIGKILL).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const running = new Set();

// A test that crashes must not leave servers behind: kill what is still running when this process exits.
function killAll() {
  for (const child of running) {
    signalGroup(child, 'SIGKILL');
  }
}
process.on('exit', killAll);
// 'exit' does not run when a signal ends the process (Ctrl+C, a runner's timeout): kill, then die of that signal.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

/**
 * Starts `command args` in a new process group, stdout and stderr appended to `logFile`.
 * Returns { child, name, logFile, exited, stop() }; `exited` resolves with { code, signal }.
 */
export function startProcess(name, command, args, { cwd, env, logFile }) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  running.add(child);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      running.delete(child);
      resolve({ code: null, signal: null, error });
    });
  });
  let stopping;
  const stop = () => {
    stopping ??= stopProcessGroup(child, exited).finally(() => log.end());
    return stopping;
  };
  return { child, name, logFile, exited, stop };
}

async function stopProcessGroup(child, exited, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    return;
  }
  signalGroup(child, 'SIGTERM');
  const outcome = await Promise.race([exited.then(() => 'exited'), delay(graceMs).then(() => 'timeout')]);
  if (outcome === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
  // The leader may be gone while others in its group linger (dotnet run -> app): make sure.
  signalGroup(child, 'SIGKILL');
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

/**
 * Polls `check()` until it returns true. Fails early if `proc` exits, and after `timeoutMs`.
 */
export async function waitUntil(description, check, { proc, timeoutMs = 120_000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let exitInfo;
  proc?.exited.then((info) => {
    exitInfo = info;
  });
  for (;;) {
    if (exitInfo) {
      throw new Error(`${proc.name} exited (${JSON.stringify(exitInfo)}) before ${description}; see ${proc.logFile}`);
    }
    if (await check()) return;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${proc ? `; see ${proc.logFile}` : ''}`);
    }
    await delay(intervalMs);
  }
}

/** True when GET `url` answers 2xx. */
export async function answersOk(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Runs a command to completion, output appended to `logFile`; rejects on a non-zero exit. */
export async function runToCompletion(name, command, args, options) {
  const proc = startProcess(name, command, args, options);
  const { code, signal, error } = await proc.exited;
  if (error) throw error;
  if (code !== 0) {
    throw new Error(`${name} failed (code ${code}, signal ${signal}); see ${options.logFile}`);
  }
}
