// Where things are: the repository root and the folders the Node tests write to.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The folder for screenshots and logs of the end-to-end tests (TestResults/e2e/), created if missing. */
export function e2eOutputDir() {
  const dir = path.join(repoRoot, 'TestResults', 'e2e');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The binary of an npm tool installed in the repository's node_modules. */
export function nodeBin(name) {
  return path.join(repoRoot, 'node_modules', '.bin', name);
}
