// @vitest-environment node
// "Người bán tôi đã mua" (lib/background/watch.ts): what counts as a worse record and how the
// notification says it; the background remembering the sellers of order pages and of complaints
// filed, and nothing else; the switch; the daily re-check sending hash prefixes only; the first-run
// page opened on install and on nothing else.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Background, startBackground } from '../../../lib/background';
import { snapshotOf, WATCH_ALARM, WatchService, worsenings } from '../../../lib/background/watch';
import { watchNotice } from '../../../lib/i18n/watch';
import type { LookupResult, PageReport, WatchedSellerView } from '../../../lib/messaging';
import type { TrustRecord } from '../../../lib/registry/schemas';
import { DEFAULT_SETTINGS, type Settings, saveSettings } from '../../../lib/settings';
import type { WatchSnapshot } from '../../../lib/store/schema';
import type { RunningRegistry } from '../../../server/serve';
import { complaintDraft, complaintRequest, SELLER } from '../cases/fixtures';
import {
  clientFactory,
  DANGER_KEY,
  describeKey,
  freshDb,
  type Recorder,
  recordingFetch,
  startTestRegistry,
  TRUSTED_KEY,
} from './helpers';

type Sender = Browser.runtime.MessageSender;

const snap = (o: Partial<WatchSnapshot> = {}): WatchSnapshot => ({
  level: 'ok',
  sanctions: [],
  counterfeitsConfirmed: 0,
  platform: 'shopee',
  sellerId: '100099887',
  ...o,
});

describe('what counts as worse', () => {
  it('a lower level, a new sanction and a new confirmed counterfeit, each on its own', () => {
    expect(worsenings(snap({ level: 'trusted' }), snap({ level: 'ok' }))).toEqual([
      { kind: 'level', from: 'trusted', to: 'ok' },
    ]);
    expect(worsenings(snap({ level: 'ok' }), snap({ level: 'unknown' }))).toEqual([
      { kind: 'level', from: 'ok', to: 'unknown' },
    ]);
    expect(worsenings(snap({ level: 'caution' }), snap({ level: 'danger' }))).toEqual([
      { kind: 'level', from: 'caution', to: 'danger' },
    ]);
    expect(
      worsenings(
        snap({ sanctions: ['A|1|2026-01-01'] }),
        snap({ sanctions: ['A|1|2026-01-01', 'B|2|2026-11-30'] }),
      ),
    ).toEqual([{ kind: 'sanction', count: 1 }]);
    expect(worsenings(snap({ counterfeitsConfirmed: 1 }), snap({ counterfeitsConfirmed: 3 }))).toEqual([
      { kind: 'counterfeit', count: 2 },
    ]);
  });

  it('all at once, in one notice', () => {
    const changes = worsenings(
      snap({ level: 'ok' }),
      snap({
        level: 'danger',
        sanctions: ['Sở Công Thương|12/QĐ-XPHC|2026-11-30'],
        counterfeitsConfirmed: 1,
      }),
    );
    expect(watchNotice('Padmate Official Store', changes, 'vi').message).toBe(
      'Người bán Padmate Official Store: mức tín nhiệm giảm từ “Bình thường” xuống “Rủi ro cao”; có quyết định xử phạt mới; có thêm 1 lần hàng giả được xác nhận',
    );
    expect(watchNotice('Padmate Official Store', changes, 'en').message).toBe(
      'Seller Padmate Official Store: trust level fell from “OK” to “High risk”; a new sanction decision; one more counterfeit confirmed',
    );
  });

  it('is silent when the record is the same or better', () => {
    const before = snap({ level: 'caution', sanctions: ['A|1|2024-01-01'], counterfeitsConfirmed: 2 });
    expect(worsenings(before, before)).toEqual([]);
    expect(worsenings(before, snap({ level: 'trusted' }))).toEqual([]); // sanction gone, fewer counterfeits
    expect(worsenings(snap({ level: 'unknown' }), snap({ level: 'ok' }))).toEqual([]);
    expect(worsenings(snap({ level: 'danger' }), snap({ level: 'caution' }))).toEqual([]);
  });
});

// ---- The service with a registry whose records the test changes ----

function record(o: Partial<TrustRecord> = {}): TrustRecord {
  const stats = {
    total: 0,
    open: 0,
    resolvedForShopper: 0,
    rejected: 0,
    unanswered: 0,
    answeredOnTimeShare: null,
    medianDaysToResolution: null,
  };
  return {
    platform: 'shopee',
    sellerId: '100099887',
    name: 'Padmate Official Store',
    officialStore: false,
    registration: { status: 'registered', businessName: null, taxCode: null, since: null, source: null },
    complaints: { last12Months: stats, allTime: stats, unverified: { last12Months: 0, allTime: 0 } },
    counterfeit: { reports: 0, confirmed: 0, dismissed: 0, lastConfirmedAt: null },
    sanctions: [],
    level: 'ok',
    reasons: [],
    updatedAt: '2026-11-01T00:00:00Z',
    demo: true,
    ...o,
  };
}

function notifications() {
  return fakeBrowser.notifications.getAllCreateOptions() as Record<
    string,
    { title?: string; message?: string }
  >;
}

describe('the daily re-check', () => {
  const KEY = 'shopee:100099887';
  let records: Record<string, LookupResult>;
  let settings: Settings;
  let now: number;
  let watch: WatchService;
  let expired: string[][];

  beforeEach(() => {
    fakeBrowser.reset();
    records = { [KEY]: { status: 'found', record: record(), fetchedAt: 0, snoozed: false } };
    settings = { ...DEFAULT_SETTINGS, registryUrl: 'https://registry.example' };
    now = Date.UTC(2026, 11, 1);
    expired = [];
    watch = new WatchService({
      db: freshDb(),
      trust: {
        lookup: async (keys) =>
          Object.fromEntries(
            keys.map((k): [string, LookupResult] => [k, records[k] ?? { status: 'absent', fetchedAt: now }]),
          ),
        expire: async (keys) => void expired.push([...keys]),
      },
      settings: async () => settings,
      clock: () => now,
      maxWatched: 3,
    });
  });

  const found = (o: Partial<TrustRecord>): LookupResult => ({
    status: 'found',
    record: record(o),
    fetchedAt: now,
    snoozed: false,
  });

  it('tells what got worse, once, and opens the seller’s public record on click', async () => {
    await watch.remember(KEY, 'Padmate Official Store');
    expect(await watch.check()).toBe(0);
    expect(notifications()).toEqual({});

    records[KEY] = found({
      level: 'danger',
      sanctions: [
        {
          authority: 'Sở Công Thương Hà Nội',
          decision: '12/QĐ-XPHC',
          date: '2026-11-30',
          summary: 'x',
          url: null,
        },
      ],
    });
    expect(await watch.check()).toBe(1);
    // The cache was told to ask the registry, not to answer from a day-old bucket.
    expect(expired.at(-1)).toEqual([KEY]);
    expect(notifications()[`antam-watch:${KEY}`]).toMatchObject({
      title: 'An Tâm · Người bán tôi đã mua',
      message:
        'Người bán Padmate Official Store: mức tín nhiệm giảm từ “Bình thường” xuống “Rủi ro cao”; có quyết định xử phạt mới',
    });
    const [listed] = await watch.list();
    expect(listed?.lastNotice?.text).toContain('xuống “Rủi ro cao”');

    // The same record again: nothing new to say.
    await fakeBrowser.notifications.clear(`antam-watch:${KEY}`);
    expect(await watch.check()).toBe(0);
    expect(notifications()).toEqual({});

    await watch.remember(KEY, null);
    records[KEY] = found({
      level: 'danger',
      sanctions: records[KEY].status === 'found' ? records[KEY].record.sanctions : [],
      counterfeit: { reports: 4, confirmed: 1, dismissed: 0, lastConfirmedAt: '2026-12-01' },
    });
    expect(await watch.check()).toBe(1);
    watch.start();
    await fakeBrowser.notifications.onClicked.trigger(`antam-watch:${KEY}`);
    await watch.idle();
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((t) => t.url)).toContain('https://registry.example/s/shopee/100099887');
    expect(notifications()).toEqual({});
    watch.stop();
  });

  it('stays silent when the record improves, and when the registry cannot answer', async () => {
    records[KEY] = found({
      level: 'caution',
      counterfeit: { reports: 0, confirmed: 1, dismissed: 0, lastConfirmedAt: '2026-01-01' },
    });
    await watch.remember(KEY, 'Padmate Official Store');
    records[KEY] = found({ level: 'trusted' });
    expect(await watch.check()).toBe(0);
    records[KEY] = { status: 'unavailable' };
    expect(await watch.check()).toBe(0);
    expect(notifications()).toEqual({});
  });

  it('compares with the first answer when the registry was down at remembering', async () => {
    records[KEY] = { status: 'unavailable' };
    await watch.remember(KEY, 'Padmate Official Store');
    records[KEY] = found({ level: 'danger' });
    expect(await watch.check()).toBe(0); // nothing known before: nothing to call worse
    records[KEY] = found({
      level: 'danger',
      counterfeit: { reports: 0, confirmed: 3, dismissed: 0, lastConfirmedAt: null },
    });
    expect(await watch.check()).toBe(1);
    expect(notifications()[`antam-watch:${KEY}`]?.message).toBe(
      'Người bán Padmate Official Store: có thêm 3 lần hàng giả được xác nhận',
    );
  });

  it('a seller the registry held nothing on: its first sanction is news', async () => {
    delete records[KEY]; // absent from its bucket
    await watch.remember(KEY, 'Padmate Official Store');
    expect(await watch.check()).toBe(0);
    records[KEY] = found({
      level: 'danger',
      sanctions: [{ authority: 'QLTT', decision: '1/QĐ', date: '2026-11-30', summary: 'x', url: null }],
    });
    expect(await watch.check()).toBe(1);
    expect(notifications()[`antam-watch:${KEY}`]?.message).toBe(
      'Người bán Padmate Official Store: mức tín nhiệm giảm từ “Chưa có dữ liệu” xuống “Rủi ro cao”; có quyết định xử phạt mới',
    );
  });

  it('keeps at most its bound, dropping the earliest added', async () => {
    for (const id of ['1001', '1002', '1003', '1004']) {
      now += 1000;
      await watch.remember(`tiki:${id}`, `Shop ${id}`);
    }
    expect((await watch.list()).map((s) => s.key)).toEqual(['tiki:1004', 'tiki:1003', 'tiki:1002']);
  });

  it('when switched off: remembers nothing and checks nothing', async () => {
    await watch.remember(KEY, 'Padmate Official Store');
    settings = { ...settings, watchSellers: false };
    await watch.remember('tiki:2002', 'Other');
    records[KEY] = found({ level: 'danger' });
    expect(await watch.check()).toBe(0);
    expect(expired).toEqual([]);
    expect(notifications()).toEqual({});
    expect((await watch.list()).map((s) => s.key)).toEqual([KEY]);
  });

  it('keeps its daily alarm, without pushing it back at every worker start', async () => {
    watch.start();
    await watch.idle();
    const first = await fakeBrowser.alarms.get(WATCH_ALARM);
    expect(first?.periodInMinutes).toBe(24 * 60);
    now += 60_000;
    watch.stop();
    watch.start();
    await watch.idle();
    expect((await fakeBrowser.alarms.get(WATCH_ALARM))?.scheduledTime).toBe(first?.scheduledTime);
    watch.stop();
  });
});

// ---- The background as the browser runs it, on a real registry ----

let registry: RunningRegistry;
beforeAll(async () => {
  registry = await startTestRegistry();
});
afterAll(async () => {
  await registry?.close();
});

describe('the background remembers the sellers I bought from', () => {
  let bg: Background;
  let recorder: Recorder;
  beforeEach(async () => {
    fakeBrowser.reset();
    await saveSettings({ registryUrl: registry.url });
    recorder = recordingFetch();
    bg = startBackground({ db: freshDb(), createClient: clientFactory(recorder) });
  });
  afterEach(async () => {
    bg.stop();
    await bg.watch.idle();
    await bg.trust.idle();
    await bg.cases.idle();
    await bg.db.delete();
  });

  async function send(message: unknown, sender: Sender): Promise<unknown> {
    const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
    return answers[0];
  }
  const options: Sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
  async function scanFrom(page: PageReport): Promise<void> {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/user/purchase/order/1' });
    await send(
      { type: 'content:scan', data: { page, keys: [] } },
      { id: fakeBrowser.runtime.id, tab, frameId: 0, url: tab.url },
    );
    await bg.watch.idle();
  }
  async function listed(): Promise<WatchedSellerView[]> {
    return ((await send({ type: 'page:watch-list', data: {} }, options)) as { sellers: WatchedSellerView[] })
      .sellers;
  }

  it('from an order page, with the name the page showed; not from a product page', async () => {
    await scanFrom({ platform: 'shopee', kind: 'product', sellerKey: TRUSTED_KEY, sellerName: 'nobistar' });
    expect(await listed()).toEqual([]);
    await scanFrom({ platform: 'shopee', kind: 'order', sellerKey: DANGER_KEY, sellerName: 'Shop Giày Giả' });
    expect(await listed()).toMatchObject([{ key: DANGER_KEY, name: 'Shop Giày Giả', platform: 'shopee' }]);
  });

  it('from a complaint filed', async () => {
    const draft = await complaintDraft(bg.db);
    const page: Sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/complaint.html') };
    expect(
      await send(
        { type: 'page:submit-case', data: { draftId: draft.id, request: complaintRequest() } },
        page,
      ),
    ).toMatchObject({ ok: true });
    await bg.watch.idle();
    expect(await listed()).toMatchObject([{ key: SELLER, name: 'nobistar.sg' }]);
  });

  it('removes one at the options page’s request, and forgets all with my data', async () => {
    await scanFrom({ platform: 'shopee', kind: 'order', sellerKey: DANGER_KEY, sellerName: 'A' });
    await scanFrom({ platform: 'shopee', kind: 'order', sellerKey: TRUSTED_KEY, sellerName: 'B' });
    await send({ type: 'page:watch-remove', data: { key: DANGER_KEY } }, options);
    expect((await listed()).map((s) => s.key)).toEqual([TRUSTED_KEY]);
    await send({ type: 'page:delete-my-data', data: {} }, options);
    expect(await listed()).toEqual([]);
  });

  it('does not remember when switched off', async () => {
    await send({ type: 'page:save-settings', data: { patch: { watchSellers: false } } }, options);
    await scanFrom({ platform: 'shopee', kind: 'order', sellerKey: DANGER_KEY, sellerName: 'A' });
    expect(await listed()).toEqual([]);
  });

  it('re-checks by hash prefixes only: no seller key or full hash leaves the browser', async () => {
    await scanFrom({ platform: 'shopee', kind: 'order', sellerKey: DANGER_KEY, sellerName: 'A' });
    await scanFrom({ platform: 'shopee', kind: 'order', sellerKey: TRUSTED_KEY, sellerName: 'B' });
    await bg.trust.idle();
    recorder.requests.length = 0;
    await fakeBrowser.alarms.onAlarm.trigger({
      name: WATCH_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    await bg.watch.idle();
    await bg.trust.idle();
    expect(recorder.requests.length).toBeGreaterThan(0);
    const prefixes = [(await describeKey(DANGER_KEY)).prefix, (await describeKey(TRUSTED_KEY)).prefix].sort();
    const sent = recorder.requests.flatMap((r) =>
      r.method === 'GET'
        ? [new URL(r.url).pathname.replace('/v1/buckets/', '')]
        : (JSON.parse(r.body ?? '{}') as { prefixes: string[] }).prefixes,
    );
    expect(sent.sort()).toEqual(prefixes);
    for (const r of recorder.requests) {
      const text = `${r.url} ${r.body ?? ''}`;
      expect(text).not.toContain('9900000007');
      expect(text).not.toContain('672907573');
      expect(r.init.credentials).toBe('omit');
    }
    // The demo records did not change: nothing to say.
    expect(notifications()).toEqual({});
  });
});

describe('the first-run page', () => {
  let bg: Background;
  beforeEach(() => {
    fakeBrowser.reset();
    bg = startBackground({ db: freshDb() });
  });
  afterEach(async () => {
    bg.stop();
    await bg.watch.idle();
    await bg.cases.idle();
    await bg.db.delete();
  });
  const welcomeTabs = async () =>
    (await fakeBrowser.tabs.query({})).filter((t) => t.url?.endsWith('/welcome.html')).length;

  it('opens on install only: not on an update or a browser update', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.1.0' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });
    expect(await welcomeTabs()).toBe(0);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await expect.poll(welcomeTabs).toBe(1);
    // Reported again for the same profile (a command-line load): still the one tab.
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await bg.cases.idle();
    expect(await welcomeTabs()).toBe(1);
  });
});

// keep snapshotOf honest: it reads what the compare needs from a real record shape
it('snapshots a record by level, sanctions and confirmed counterfeits', () => {
  expect(
    snapshotOf(
      record({
        level: 'caution',
        counterfeit: { reports: 9, confirmed: 2, dismissed: 0, lastConfirmedAt: null },
      }),
    ),
  ).toEqual(snap({ level: 'caution', counterfeitsConfirmed: 2 }));
});
