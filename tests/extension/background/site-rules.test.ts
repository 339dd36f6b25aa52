// @vitest-environment node
// Signed site rules in the background (lib/background/site-rules.ts) against a real registry:
// fetched, verified with the built-in (demo) key and kept; a conditional request answered 304; a
// tampered or older set served by the registry ignored, the last good set kept, also across a
// worker restart; past its expiry the built-ins again; the alarm set by the refresh interval and
// max-age; content scripts get their own marketplace's rules only, and scans carry the version.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Background, startBackground } from '../../../lib/background';
import {
  maxAgeOf,
  SITE_RULES_ALARM,
  SITE_RULES_STORAGE_KEY,
  SiteRulesService,
} from '../../../lib/background/site-rules';
import type { ScanResult } from '../../../lib/messaging';
import { DEMO_SITE_RULES_PUBLIC_KEY } from '../../../lib/registry/site-rules';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/settings';
import { DEMO_SITE_RULES_PRIVATE_KEY } from '../../../server/demo/site-rules-key';
import type { RunningRegistry } from '../../../server/serve';
import { publishSiteRules, signSiteRules, siteRulesPayload } from '../../../server/site-rules/store';
import { freshDb, type Recorder, recordingFetch, startTestRegistry } from './helpers';

type Sender = Browser.runtime.MessageSender;

const T0 = Date.parse('2026-12-01T08:00:00Z');
const HOUR = 60 * 60_000;
const rulesV = (version: number, expiresAt = '2026-12-31T00:00:00Z') => ({
  version,
  issuedAt: '2026-11-30T00:00:00Z',
  expiresAt,
  marketplaces: {
    sendo: { enabled: false },
    tiki: { pages: { shop: { enabled: version % 2 === 0 } } },
  },
});

let registry: RunningRegistry;
beforeAll(async () => {
  registry = await startTestRegistry();
});
afterAll(async () => {
  await registry?.close();
});

let recorder: Recorder;
let now: number;
beforeEach(async () => {
  fakeBrowser.reset();
  await registry.database.db.deleteFrom('site_rules').execute();
  recorder = recordingFetch();
  now = T0;
});

function service(refreshMinutes?: number): SiteRulesService {
  return new SiteRulesService({
    publicKey: DEMO_SITE_RULES_PUBLIC_KEY,
    fetch: recorder.fetch,
    settings: async () => ({ ...DEFAULT_SETTINGS, registryUrl: registry.url }),
    clock: () => now,
    ...(refreshMinutes ? { refreshMinutes } : {}),
  });
}

/** Publishes as the admin command does: validated, signed with the (demo) key, stored. */
async function publish(document: ReturnType<typeof rulesV>, at = new Date(now)): Promise<void> {
  const { payload, rules } = siteRulesPayload(document);
  await publishSiteRules(
    registry.database.db,
    await signSiteRules(payload, DEMO_SITE_RULES_PRIVATE_KEY),
    rules,
    at,
  );
}

/** What a compromised registry or a proxy in between might serve: a row written behind the CLI's back. */
async function serveRaw(
  version: number,
  payload: string,
  signature: string,
  keyId: string,
  minutesLater: number,
) {
  await registry.database.db
    .insertInto('site_rules')
    .values({
      version,
      payload,
      signature,
      key_id: keyId,
      issued_at: '2026-11-30T00:00:00Z',
      expires_at: '2026-12-31T00:00:00Z',
      published_at: new Date(T0 + minutesLater * 60_000).toISOString(),
    })
    .execute();
}

const siteRulesRequests = () => recorder.requests.filter((r) => r.url.endsWith('/v1/site-rules'));

describe('fetching and applying', () => {
  it('built-ins while the registry has none; a published set applied, kept and shown', async () => {
    const rules = service();
    expect(await rules.refresh()).toEqual({ outcome: 'none' });
    expect(await rules.forPlatform('sendo')).toEqual({ version: null, rules: null });
    expect(await rules.status()).toEqual({ version: null, appliedAt: null, expiresAt: null });

    await publish(rulesV(3));
    expect(await rules.refresh()).toEqual({ outcome: 'applied', version: 3 });
    expect(await rules.forPlatform('sendo')).toEqual({ version: 3, rules: { enabled: false, pages: {} } });
    expect((await rules.forPlatform('tiki')).rules?.pages.shop?.enabled).toBe(false);
    expect(await rules.forPlatform('shopee')).toEqual({ version: 3, rules: null });
    expect(await rules.status()).toEqual({ version: 3, appliedAt: T0, expiresAt: '2026-12-31T00:00:00Z' });
    // Nothing about the shopper goes with the request: no cookies, no body, a plain GET.
    const [, sent] = siteRulesRequests();
    expect(sent?.method).toBe('GET');
    expect(sent?.init.credentials).toBe('omit');
    expect(sent?.body).toBeNull();
  });

  it('asks conditionally with the ETag of the set in force, and a 304 keeps it', async () => {
    await publish(rulesV(3));
    const rules = service();
    await rules.refresh();
    now += 2 * HOUR;
    expect(await rules.refresh()).toEqual({ outcome: 'unchanged' });
    const [first, second] = siteRulesRequests();
    expect(first?.headers['if-none-match']).toBeUndefined();
    expect(second?.headers['if-none-match']).toMatch(/^"sr-3-[0-9a-f]{16}"$/);
    expect(second?.status).toBe(304);
    expect((await rules.status()).version).toBe(3);
  });

  it('ignores a set with a bad signature or another key, and an older or equal version; the last good set stays', async () => {
    await publish(rulesV(3));
    const rules = service();
    await rules.refresh();
    const good = siteRulesPayload(rulesV(3));
    const signedFour = await signSiteRules(siteRulesPayload(rulesV(4)).payload, DEMO_SITE_RULES_PRIVATE_KEY);
    const signedThree = await signSiteRules(good.payload, DEMO_SITE_RULES_PRIVATE_KEY);

    // Version 4's payload with version 3's signature: tampered.
    await serveRaw(4, signedFour.payload, signedThree.signature, signedFour.keyId, 1);
    expect(await rules.refresh()).toEqual({ outcome: 'ignored', reason: 'bad_signature' });
    // Signed with a key the extension does not hold.
    await serveRaw(5, signedFour.payload, signedFour.signature, '0123456789abcdef', 2);
    expect(await rules.refresh()).toEqual({ outcome: 'ignored', reason: 'unknown_key' });
    // A genuine but older set (rollback), served as the latest.
    const two = await signSiteRules(siteRulesPayload(rulesV(2)).payload, DEMO_SITE_RULES_PRIVATE_KEY);
    await serveRaw(2, two.payload, two.signature, two.keyId, 3);
    expect(await rules.refresh()).toEqual({ outcome: 'ignored', reason: 'not_newer' });

    expect(siteRulesRequests().map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await rules.forPlatform('tiki')).toMatchObject({
      version: 3,
      rules: { pages: { shop: { enabled: false } } },
    });
    // A worker started afresh reads the last good set from storage, verified again.
    const restarted = service();
    expect((await restarted.status()).version).toBe(3);
  });

  it('a newer valid set replaces the one in force', async () => {
    await publish(rulesV(3));
    const rules = service();
    await rules.refresh();
    await publish(rulesV(4), new Date(T0 + 60_000));
    expect(await rules.refresh()).toEqual({ outcome: 'applied', version: 4 });
    expect((await rules.forPlatform('tiki')).rules?.pages.shop?.enabled).toBe(true);
  });

  it('past its expiry the set no longer applies: built-ins, and an expired set is never applied', async () => {
    await publish(rulesV(3, '2026-12-02T00:00:00Z'));
    const rules = service();
    await rules.refresh();
    expect((await rules.status()).version).toBe(3);
    now = Date.parse('2026-12-02T00:00:01Z');
    expect(await rules.status()).toEqual({ version: null, appliedAt: null, expiresAt: null });
    expect(await rules.forPlatform('sendo')).toEqual({ version: null, rules: null });

    // A fresh install meeting that expired set ignores it.
    await fakeBrowser.storage.local.remove(SITE_RULES_STORAGE_KEY);
    expect(await service().refresh()).toEqual({ outcome: 'ignored', reason: 'expired' });
  });

  it('storage damaged: the built-ins, never an error', async () => {
    await fakeBrowser.storage.local.set({
      [SITE_RULES_STORAGE_KEY]: { signed: { payload: '{}' }, version: 'x' },
    });
    expect(await service().forPlatform('sendo')).toEqual({ version: null, rules: null });
  });
});

describe('when the next fetch is', () => {
  it('the refresh interval, or max-age when that is longer', async () => {
    await publish(rulesV(3));
    await service().refresh();
    expect((await fakeBrowser.alarms.get(SITE_RULES_ALARM))?.scheduledTime).toBe(T0 + HOUR);
    // With a 1-minute interval the registry's max-age (300 s) decides.
    await service(1).refresh();
    expect((await fakeBrowser.alarms.get(SITE_RULES_ALARM))?.scheduledTime).toBe(T0 + 300_000);
    expect(maxAgeOf('public, max-age=300')).toBe(300);
    expect(maxAgeOf('no-store')).toBe(0);
    expect(maxAgeOf('max-age=86400, public')).toBe(86_400);
    expect(maxAgeOf(null)).toBe(0);
  });

  it('a worker that starts with a fresh set fetches nothing until the alarm', async () => {
    await publish(rulesV(3));
    const first = service();
    first.start();
    await first.idle();
    first.stop();
    expect(siteRulesRequests()).toHaveLength(1);
    now += 10 * 60_000;
    const second = service();
    second.start();
    await second.idle();
    expect(siteRulesRequests()).toHaveLength(1);
    // The alarm fires: the listener fetches.
    await fakeBrowser.alarms.onAlarm.trigger({
      name: SITE_RULES_ALARM,
      scheduledTime: now,
      persistAcrossSessions: true,
    });
    await second.idle();
    second.stop();
    expect(siteRulesRequests()).toHaveLength(2);
  });
});

describe('content scripts and pages', () => {
  let bg: Background;
  beforeEach(async () => {
    await saveSettings({ registryUrl: registry.url });
    await publish(rulesV(3));
    bg = startBackground({
      db: freshDb(),
      siteRules: { publicKey: DEMO_SITE_RULES_PUBLIC_KEY, fetch: recorder.fetch },
    });
    await bg.siteRules.idle();
  });
  afterEach(async () => {
    bg.stop();
    await bg.trust.idle();
    await bg.cases.idle();
    await bg.siteRules.idle();
    await bg.db.delete();
  });

  async function send(message: unknown, sender: Sender): Promise<unknown> {
    const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
    return answers[0];
  }
  const fromTab = async (url: string): Promise<Sender> => {
    const tab = await fakeBrowser.tabs.create({ url });
    return { id: fakeBrowser.runtime.id, tab, frameId: 0, url };
  };

  it('a marketplace tab gets its own rules, and its scans carry the version in force', async () => {
    const sendoTab = await fromTab('https://www.sendo.vn/shop/vivan-official-store');
    expect(await send({ type: 'content:site-rules', data: { platform: 'sendo' } }, sendoTab)).toEqual({
      version: 3,
      rules: { enabled: false, pages: {} },
    });
    const scan = (await send(
      { type: 'content:scan', data: { page: null, keys: [] } },
      sendoTab,
    )) as ScanResult;
    expect(scan.config.rulesVersion).toBe(3);
  });

  it('refuses another marketplace, a lookalike host, a page and a frame', async () => {
    const ask = { type: 'content:site-rules', data: { platform: 'tiki' } };
    await expect(send(ask, await fromTab('https://shopee.vn/shop/1'))).rejects.toThrow(
      'does not show this marketplace',
    );
    await expect(send(ask, await fromTab('https://tiki.vn.example.com/cua-hang/x'))).rejects.toThrow(
      'does not show this marketplace',
    );
    await expect(
      send(ask, { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') }),
    ).rejects.toThrow('content:site-rules is not accepted from this sender');
    const tab = await fromTab('https://tiki.vn/cua-hang/x');
    await expect(send(ask, { ...tab, frameId: 2 })).rejects.toThrow('unknown sender');
    await expect(send({ type: 'content:site-rules', data: { platform: 'amazon' } }, tab)).rejects.toThrow();
  });

  it('options are told the version in force and when it was applied', async () => {
    const answer = (await send(
      { type: 'page:site-rules', data: {} },
      { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') },
    )) as { version: number; appliedAt: number };
    expect(answer.version).toBe(3);
    expect(typeof answer.appliedAt).toBe('number');
  });
});
