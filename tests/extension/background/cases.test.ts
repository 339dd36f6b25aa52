// @vitest-environment node
// The background's case care as the browser runs it: startBackground() on WXT's fake browser, a
// real registry over HTTP, an extension page's 'page:submit-case' stored and delivered, a
// seller answering through the API, the polling alarm noticing it: a notification in the
// shopper's language, the toolbar count (and how it shares the button with the seller's level),
// and a click on the notification opening the case.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Background, startBackground } from '../../../lib/background';
import { OUTBOX_ALARM, POLL_ALARM, POLL_PERIOD_MINUTES } from '../../../lib/background/cases';
import { CasesClient } from '../../../lib/background/cases-client';
import { changeBetween } from '../../../lib/background/polling';
import { COUNT_COLOR } from '../../../lib/background/toolbar';
import { markSeen } from '../../../lib/cases/cases';
import type { LocalCase } from '../../../lib/cases/model';
import { submitDraft } from '../../../lib/cases/submit';
import { BADGE_ICON, BADGE_WORDS } from '../../../lib/i18n/badge';
import { NOTIFY } from '../../../lib/i18n/notify';
import type { ComplaintView } from '../../../lib/registry/cases';
import { saveSettings } from '../../../lib/settings';
import { createApiKey } from '../../../server/auth';
import type { RunningRegistry } from '../../../server/serve';
import { complaintDraft, complaintRequest, SELLER } from '../cases/fixtures';
import { freshDb, type Recorder, recordingFetch, startTestRegistry } from './helpers';

type Sender = Browser.runtime.MessageSender;

let registry: RunningRegistry;
let sellerApiKey: string;
beforeAll(async () => {
  registry = await startTestRegistry();
  sellerApiKey = (
    await createApiKey(
      registry.database.db,
      { role: 'seller', label: 'nobistar', sellers: [SELLER] },
      new Date(),
    )
  ).key;
});
afterAll(async () => {
  await registry?.close();
});

let bg: Background;
let recorder: Recorder;
beforeEach(async () => {
  fakeBrowser.reset();
  await saveSettings({ registryUrl: registry.url });
  recorder = recordingFetch();
  bg = startBackground({
    db: freshDb(),
    createCasesClient: (baseUrl) => new CasesClient({ baseUrl, fetch: recorder.fetch }),
  });
  await bg.cases.idle();
});
afterEach(async () => {
  bg.stop();
  await bg.cases.idle();
  await bg.trust.idle();
  await bg.db.delete();
});

function fromPage(path = '/complaint.html'): Sender {
  return { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(path as '/popup.html') };
}

async function send(message: unknown, sender: Sender): Promise<unknown> {
  const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined);
  return answers[0];
}

/** Files a complaint the way the complaint page does: 'page:submit-case', as JSON. */
async function fileComplaint(orderCode: string): Promise<LocalCase> {
  const draft = await complaintDraft(bg.db, orderCode);
  const message = {
    type: 'page:submit-case',
    data: { draftId: draft.id, request: complaintRequest(orderCode) },
  };
  expect(await send(JSON.parse(JSON.stringify(message)), fromPage())).toEqual({ ok: true, caseId: draft.id });
  await bg.cases.idle();
  const delivered = await bg.db.cases.get(draft.id);
  expect(delivered?.delivery).toBe('delivered');
  return delivered as LocalCase;
}

async function sellerResponds(trackingCode: string): Promise<void> {
  const res = await fetch(`${registry.url}/v1/complaints/${trackingCode}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sellerApiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'respond', kind: 'refund', message: 'Shop sẽ hoàn tiền trong 3 ngày.' }),
  });
  expect(res.status).toBe(200);
}

function notifications() {
  return fakeBrowser.notifications.getAllCreateOptions() as Record<
    string,
    { title?: string; message?: string }
  >;
}

describe('polling, notifications and the toolbar count', () => {
  it('keeps a poll alarm, created once, not pushed back at every start', async () => {
    const alarm = await fakeBrowser.alarms.get(POLL_ALARM);
    expect(alarm?.periodInMinutes).toBe(POLL_PERIOD_MINUTES);
    const restarted = startBackground({ db: bg.db });
    await restarted.cases.idle();
    expect((await fakeBrowser.alarms.get(POLL_ALARM))?.scheduledTime).toBe(alarm?.scheduledTime);
    restarted.stop();
  });

  it("notices the seller's answer, notifies in Vietnamese, counts it, and opens the case on click", async () => {
    const c = await fileComplaint('POLL-1');
    const code = c.trackingCode ?? '';
    // Nothing changed yet: polling stays quiet.
    await fakeBrowser.alarms.onAlarm.trigger({
      name: POLL_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    await bg.cases.idle();
    expect(notifications()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    await sellerResponds(code);
    await fakeBrowser.alarms.onAlarm.trigger({
      name: POLL_ALARM,
      scheduledTime: Date.now(),
      persistAcrossSessions: true,
    });
    await bg.cases.idle();

    const stored = await bg.db.cases.get(c.id);
    expect(stored?.status).toBe('responded');
    expect(stored?.unseen).toBe(true);
    expect((stored?.view as ComplaintView | null)?.response?.message).toBe('Shop sẽ hoàn tiền trong 3 ngày.');
    const shown = notifications()[`antam-case:${c.id}`];
    expect(shown?.title).toBe(`Khiếu nại ${code}`);
    expect(shown?.message).toBe(`Khiếu nại ${code}: người bán đã trả lời`);
    // Only the shopper's own case was asked for, with its own token.
    const polls = recorder.requests.filter((r) => r.method === 'GET');
    expect(polls.every((r) => r.url.endsWith(`/v1/complaints/${code}`))).toBe(true);
    expect(polls.every((r) => r.headers.authorization === `Bearer ${c.token}`)).toBe(true);

    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.action.getTitle({})).toBe(NOTIFY.vi.count(1));
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0x15, 0x65, 0xc0, 255]);
    expect(COUNT_COLOR).toBe('#1565C0');

    // Polling again finds nothing new: no second notification, the count stays.
    await fakeBrowser.notifications.clear(`antam-case:${c.id}`);
    await bg.cases.poll();
    expect(notifications()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    const opened: string[] = [];
    fakeBrowser.tabs.onCreated.addListener((tab) => void opened.push(tab.url ?? ''));
    await fakeBrowser.notifications.onClicked.trigger(`antam-case:${c.id}`);
    await bg.cases.idle();
    expect(opened).toEqual([fakeBrowser.runtime.getURL(`/complaint.html#case=${c.id}` as '/popup.html')]);

    // The case page asks the background to mark it seen: the count goes.
    expect(await send({ type: 'page:mark-seen', data: { caseId: c.id } }, fromPage())).toEqual({ ok: true });
    expect((await bg.db.cases.get(c.id))?.unseen).toBe(false);
    await bg.cases.idle();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('makes the next badge lookup ask the registry when a case against the seller changes', async () => {
    const c = await fileComplaint('POLL-EXPIRE');
    await bg.trust.lookup([SELLER]);
    const bucketOf = async () => (await bg.db.buckets.toArray()).find((b) => b.fetchedAt === 0);
    expect(await bucketOf()).toBeUndefined();

    await sellerResponds(c.trackingCode ?? '');
    await bg.cases.poll();
    await bg.cases.idle();
    // The seller's bucket is expired: the next lookup waits for the registry's new record.
    expect(await bucketOf()).toBeDefined();
    await bg.trust.lookup([SELLER]);
    expect(await bucketOf()).toBeUndefined();

    // The shopper's own accept, once delivered, does the same.
    expect(
      await send(
        { type: 'page:case-action', data: { caseId: c.id, action: { type: 'accept' } } },
        fromPage(),
      ),
    ).toEqual({ ok: true });
    await bg.cases.idle();
    expect((await bg.db.cases.get(c.id))?.status).toBe('resolved');
    expect(await bucketOf()).toBeDefined();
  });

  it('shares the button with the seller level: the count wins while > 0, the title names both', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/product/672907573/1234' });
    const tabId = tab.id ?? -1;
    const page = { platform: 'shopee', kind: 'product', sellerKey: SELLER, sellerName: null };
    await send(
      { type: 'content:scan', data: { page, keys: [] } },
      { id: fakeBrowser.runtime.id, tab, frameId: 0, url: tab.url },
    );
    // The scan answers before the toolbar button is set: wait for it.
    await bg.toolbar.settled();
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe(BADGE_ICON.trusted);

    const c = await fileComplaint('TOOLBAR-1');
    await sellerResponds(c.trackingCode ?? '');
    await bg.cases.poll();
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe('1');
    expect(await fakeBrowser.action.getTitle({ tabId })).toBe(
      `${BADGE_WORDS.vi.trusted.title} · ${NOTIFY.vi.count(1)}`,
    );

    await markSeen(bg.db, c.id);
    await bg.cases.recount();
    expect(await fakeBrowser.action.getBadgeText({ tabId })).toBe(BADGE_ICON.trusted);
    expect(await fakeBrowser.action.getTitle({ tabId })).toBe(BADGE_WORDS.vi.trusted.title);
  });

  it('speaks English when the shopper chose it', async () => {
    await saveSettings({ language: 'en' });
    const c = await fileComplaint('EN-1');
    await sellerResponds(c.trackingCode ?? '');
    await bg.cases.poll();
    expect(notifications()[`antam-case:${c.id}`]?.message).toBe(
      `Complaint ${c.trackingCode}: the seller answered`,
    );
    expect(await fakeBrowser.action.getTitle({})).toBe('1 unseen case update');
  });

  it('announces a submission the registry refused, and sets the retry alarm while it is down', async () => {
    const draft = await complaintDraft(bg.db, 'REFUSED-1');
    const bad = { ...complaintRequest('REFUSED-1'), desiredOutcome: 'revenge' } as unknown as ReturnType<
      typeof complaintRequest
    >;
    // Past the page's own checks only by writing it directly (the message schema refuses it).
    const c = await submitDraft(bg.db, draft.id, bad);
    bg.cases.casesUpdated();
    await bg.cases.idle();
    expect((await bg.db.cases.get(c.id))?.delivery).toBe('rejected');
    expect(notifications()[`antam-case:${c.id}`]?.message).toBe(
      `Khiếu nại/báo cáo “REFUSED-1”: ${NOTIFY.vi.changes.rejected}`,
    );
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');

    recorder.redirectTo = 'http://127.0.0.1:9'; // nothing listens there
    const later = await complaintDraft(bg.db, 'LATER-1');
    await send(
      { type: 'page:submit-case', data: { draftId: later.id, request: complaintRequest('LATER-1') } },
      fromPage(),
    );
    const queued = { id: later.id };
    await bg.cases.idle();
    expect((await bg.db.cases.get(queued.id))?.delivery).toBe('queued');
    const retry = await fakeBrowser.alarms.get(OUTBOX_ALARM);
    expect(retry?.scheduledTime).toBeGreaterThan(Date.now() + 10_000);

    // Back up: the alarm delivers it (its backoff ended; here, moved to now).
    recorder.redirectTo = null;
    await bg.db.outbox.toCollection().modify({ nextAttemptAt: 0 });
    bg.cases.casesUpdated(); // what a page's next operation does: lifts the pause after "down"
    await bg.cases.idle();
    expect((await bg.db.cases.get(queued.id))?.delivery).toBe('delivered');
    expect(await fakeBrowser.alarms.get(OUTBOX_ALARM)).toBeUndefined();
  });
});

describe('worker start', () => {
  it('delivers what was waiting when the browser (and so the worker) starts again', async () => {
    bg.stop();
    await bg.cases.idle();
    // Written while no worker ran: e.g. submitted offline, then the browser was closed.
    const draft = await complaintDraft(bg.db, 'RESTART-1');
    const c = await submitDraft(bg.db, draft.id, complaintRequest('RESTART-1'));
    const restarted = startBackground({
      db: bg.db,
      createCasesClient: (baseUrl) => new CasesClient({ baseUrl, fetch: recorder.fetch }),
    });
    try {
      await restarted.cases.idle();
      expect((await bg.db.cases.get(c.id))?.delivery).toBe('delivered');
      expect(recorder.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    } finally {
      restarted.stop();
      await restarted.cases.idle();
    }
  });
});

describe('what counts as a change', () => {
  const base = {
    trackingCode: 'AT-ABCDEFGH',
    seller: SELLER,
    status: 'forwarded',
    late: false,
    outcome: null,
    escalated: false,
    verification: { state: 'unverified', at: null, by: null },
    category: 'other',
    desiredOutcome: 'refund',
    order: null,
    submittedAt: '2026-11-01T00:00:00.000Z',
    forwardedAt: null,
    dueAt: null,
    respondedAt: null,
    resolvedAt: null,
    response: null,
    finding: null,
    content: null,
    allowedActions: [],
    timeline: [],
    evidence: [],
  } as ComplaintView;

  it('names status changes, lateness, a new answer and new timeline entries; nothing else', () => {
    const known = { status: 'forwarded' as const, view: base };
    expect(changeBetween(known, base)).toBeNull();
    expect(changeBetween(known, { ...base, status: 'resolved' })).toBe('resolved');
    expect(changeBetween(known, { ...base, late: true })).toBe('late');
    expect(changeBetween(known, { ...base, response: { kind: 'refund', message: 'ok' } })).toBe('responded');
    expect(changeBetween(known, { ...base, allowedActions: ['withdraw'] })).toBeNull();
    const event = {
      at: '2026-11-02T00:00:00.000Z',
      actor: 'system',
      action: 'forward',
      from: 'submitted',
      to: 'forwarded',
      note: null,
      params: {},
    } as const;
    expect(changeBetween(known, { ...base, timeline: [event] })).toBe('updated');
  });
});
