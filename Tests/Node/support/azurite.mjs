// Azurite's Table service in memory on a free loopback port, for tests that need real Table Storage.
import net from 'node:net';
import path from 'node:path';
import { e2eOutputDir, nodeBin, repoRoot } from './paths.mjs';
import { freePort } from './ports.mjs';
import { startProcess, waitUntil } from './process.mjs';

// Azurite's well-known development account (public, the same in every Azurite).
export const devAccountName = 'devstoreaccount1';
export const devAccountKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Resolves true when something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts azurite-table with --inMemoryPersistence on a free port.
 * Returns { port, tableEndpoint, connectionString, logFile, process, stop() }.
 */
export async function startAzurite({ startupTimeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const proc = startProcess(
    'azurite',
    nodeBin('azurite-table'),
    [
      '--tableHost', '127.0.0.1',
      '--tablePort', String(port),
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--loose',
      '--skipApiVersionCheck',
    ],
    { cwd: repoRoot, env: {}, logFile: path.join(e2eOutputDir(), `azurite-${port}.log`) },
  );
  try {
    await waitUntil(`Azurite to listen on port ${port}`, () => isListening(port), { proc, timeoutMs: startupTimeoutMs });
  } catch (error) {
    await proc.stop();
    throw error;
  }
  const tableEndpoint = `http://127.0.0.1:${port}/${devAccountName}`;
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${devAccountName};AccountKey=${devAccountKey};` +
    `TableEndpoint=${tableEndpoint};`;
  return { port, tableEndpoint, connectionString, logFile: proc.logFile, process: proc, stop: proc.stop };
}
