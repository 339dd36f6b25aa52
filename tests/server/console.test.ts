// The web console as the registry serves it: only the built files, the app's page for every other
// path under /console/, a strict CSP, and a clear 503 when it was not built.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase, type TestDatabase } from './databases';
import { createApp } from './helpers';

function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'antam-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  return dir;
}

describe.each(DIALECTS)('the web console on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  it('serves the built files, the page for any other path, under a strict CSP', async () => {
    const { app } = createApp({ db: database.db, consoleDist: fakeBuild() });
    const page = await app.request('/console/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<div id="root">');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    // A screen of the app is the same page.
    expect(await (await app.request('/console/verify')).text()).toContain('<div id="root">');
    const js = await app.request('/console/assets/index-abc.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(
      (
        await app.request('/console/assets/index-abc.js', {
          headers: { 'if-none-match': js.headers.get('etag') ?? '' },
        })
      ).status,
    ).toBe(304);
    // Nothing outside the build is reachable, however the path is spelled.
    for (const path of [
      '/console/../package.json',
      '/console/%2e%2e/package.json',
      '/console/assets/../../serve.ts',
    ]) {
      const res = await app.request(path);
      expect(await res.text()).not.toContain('"dependencies"');
    }
    expect((await app.request('/console')).status).toBe(301);
  });

  it('says how to build it when it was not built', async () => {
    const { app } = createApp({ db: database.db, consoleDist: mkdtempSync(join(tmpdir(), 'antam-empty-')) });
    const res = await app.request('/console/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:console');
  });
});
