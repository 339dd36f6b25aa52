// npm start: the registry on embedded SQLite with demo data, the extension built against it, and,
// where there is a display, Chromium opened with the extension loaded. Runs until Ctrl+C.
import '../server/production';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseServerEnv } from '../server/config';
import { DEMO_ADMIN_KEY } from '../server/demo/seed';
import { startRegistry } from '../server/serve';
import { DEMO_HOSTS, demoServer } from './demo-pages';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION = resolve(ROOT, '.output/chrome-mv3');

const env = parseServerEnv({ ...process.env, DEMO_DATA: '1', DATABASE_URL: '' });
// The registry reads the console's files when it starts: build them first.
console.log('Building the web console…');
const consoleBuild = spawnSync('npx', ['vite', 'build', '--config', 'server/console/vite.config.ts'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (consoleBuild.status !== 0)
  console.error('The console build failed (see above); the registry keeps running.');

const running = await startRegistry(env);

console.log('Building the extension against the local registry…');
const build = spawnSync('npx', ['wxt', 'build'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, WXT_REGISTRY_URL: running.url },
});
if (build.status !== 0) {
  console.error('The extension build failed (see above); the registry keeps running.');
}

const line = '─'.repeat(72);
console.log(`
${line}
 An Tâm is running
${line}
 Registry (embedded SQLite, demo data):  ${running.url}
   data file:   ${resolve(env.DATA_DIR, 'registry.sqlite')}
   try:         ${running.url}/v1/sellers/shopee/672907573
   API docs:    ${running.url}/v1/openapi.json
   Console:     ${running.url}/console/  (sign in with an API key; the demo admin key below works)
   A seller's public page: ${running.url}/s/shopee/672907573   What levels mean: ${running.url}/levels
   Open data:   ${running.url}/v1/open-data   Statistics: ${running.url}/stats

 Extension (Chrome MV3), built against this registry:
   ${EXTENSION}
   Load it: open chrome://extensions, turn on Developer mode,
   click "Load unpacked" and choose the folder above.

 ⚠ DEMO ADMIN KEY — demo data only, public, never use in production:
   ${DEMO_ADMIN_KEY}
   e.g. curl -H "Authorization: Bearer ${DEMO_ADMIN_KEY}" ${running.url}/v1/admin/keys
${line}
 Ctrl+C stops the registry.`);

// The demo browser maps the marketplaces' host names to the local demo pages (scripts/demo: ours,
// styled, of every marketplace and page kind; and the real saved pages), so that badges show at
// once with the demo data and without the network (that profile is for the demo only).
const demo = demoServer();
await demo.server.start();
const rules = DEMO_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${demo.server.port}`).join(', ');
console.log(` Demo pages (a page of every marketplace and kind, and real saved pages, under the marketplaces' host names): ${demo.index}
   in a browser started with --host-resolver-rules="${rules}"`);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (process.env.DISPLAY && build.status === 0 && existsSync(chromium)) {
  const browser = spawn(
    chromium,
    [
      `--user-data-dir=${resolve(env.DATA_DIR, 'chromium-demo-profile')}`,
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      `--host-resolver-rules=${rules}`,
      '--no-first-run',
      demo.index,
    ],
    { stdio: 'ignore', detached: true },
  );
  browser.unref();
  console.log(` Opened Chromium with the extension loaded on the demo pages (${chromium}).`);
} else if (!process.env.DISPLAY) {
  console.log(' No display ($DISPLAY unset): load the extension in your own browser as above.');
}

const stop = () => {
  Promise.all([running.close(), demo.server.stop()]).finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
