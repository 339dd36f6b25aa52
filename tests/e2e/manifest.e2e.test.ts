// The built extensions themselves: least-privilege manifests for Chrome (MV3) and Firefox.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { MATCHES } from '../../lib/marketplaces';
import { ROOT } from './harness';

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; js: string[] }[];
  web_accessible_resources?: { resources: string[]; matches: string[] }[];
  browser_specific_settings?: { gecko?: { id?: string } };
  default_locale?: string;
}

const PERMISSIONS = ['storage', 'alarms', 'notifications', 'activeTab', 'scripting'];

const read = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

describe('Chrome MV3 manifest', () => {
  it('asks only for what its features need, the marketplaces and the registry it was built for', () => {
    const m = read(inject('extensionDir'));
    expect(m.manifest_version).toBe(3);
    // storage: settings; alarms: outbox retries and case polling; notifications: case updates;
    // activeTab: the popup's screenshot of the current tab; scripting: the content script proper,
    // run by the background where the loader finds a page of ours. Each is justified in the README.
    expect(m.permissions).toEqual(PERMISSIONS);
    expect(m.host_permissions).toEqual([...MATCHES, 'http://127.0.0.1/*']);
    expect(JSON.stringify(m)).not.toMatch(/<all_urls>|"\*:\/\/\*\/\*"|tabs"|webRequest|cookies|history/);
    // One content script, the tiny loader, on the genuine marketplace hosts only.
    expect(m.content_scripts).toEqual([
      expect.objectContaining({ js: ['loader.js'], matches: expect.arrayContaining([...MATCHES]) }),
    ]);
    expect(m.content_scripts?.[0]?.matches).toHaveLength(MATCHES.length);
    // The panel can be framed by marketplace pages, and by nothing else.
    expect(m.web_accessible_resources).toEqual([{ resources: ['panel.html'], matches: [...MATCHES] }]);
    expect(m.default_locale).toBe('vi');
  });
});

describe('Firefox build', () => {
  // Firefox ships as MV3 (docs/store/README.md says why): `npm run build:firefox` / `zip:firefox`.
  it('builds as MV3 with a gecko id and the same permissions', () => {
    const out = mkdtempSync(join(tmpdir(), 'antam-ff-'));
    const r = spawnSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
      cwd: ROOT,
      encoding: 'utf8',
      // A build for a real registry must name its site-rules key (or none); see README, site rules.
      env: {
        ...process.env,
        WXT_OUT_DIR: out,
        WXT_REGISTRY_URL: 'https://registry.example.vn',
        WXT_SITE_RULES_PUBLIC_KEY: 'off',
      },
    });
    expect(r.status, r.stderr).toBe(0);
    const m = read(join(out, 'firefox-mv3'));
    expect(m.content_scripts).toEqual([expect.objectContaining({ js: ['loader.js'] })]);
    expect(m.manifest_version).toBe(3);
    expect(m.browser_specific_settings?.gecko?.id).toBe('antam@antam.vn');
    expect(m.permissions).toEqual(PERMISSIONS);
    expect(m.host_permissions).toEqual([...MATCHES, 'https://registry.example.vn/*']);
    expect(JSON.stringify(m)).not.toMatch(/<all_urls>|"\*:\/\/\*\/\*"|tabs"|webRequest|cookies|history/);
  });
});
