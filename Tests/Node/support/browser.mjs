// Headless Debian Chromium driven by playwright-core, with a fresh profile each time.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying hosts this closed network refuses.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium with a new empty user-data dir.
 * Returns { context, page, close() }; close() also deletes the profile.
 */
export async function launchChromium({ viewport = { width: 1280, height: 900 } } = {}) {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'concertationbot-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport,
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  let closing;
  const close = () => {
    closing ??= context.close().finally(() => rmSync(userDataDir, { recursive: true, force: true }));
    return closing;
  };
  return { context, page, close };
}
