import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildConsole, buildExtension, freePort } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    extensionDir: string;
    proxyPort: number;
  }
}

/** Builds the extension once for every e2e file, against a registry URL the tests then serve. */
export default async function setup(project: TestProject): Promise<void> {
  const proxyPort = await freePort();
  const extensionDir = buildExtension(
    `http://127.0.0.1:${proxyPort}`,
    mkdtempSync(join(tmpdir(), 'antam-ext-')),
  );
  buildConsole();
  project.provide('extensionDir', extensionDir);
  project.provide('proxyPort', proxyPort);
}
