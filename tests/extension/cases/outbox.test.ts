// @vitest-environment node
// The outbox against a real registry over real HTTP: exactly once through a registry that is
// down, an answer lost after the registry committed, concurrent triggers; permanent refusals
// kept on the case; evidence verified by SHA-256; the shopper's actions and data deletion.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CasesClient } from '../../../lib/background/cases-client';
import { BASE_BACKOFF_MS, backoffMs, MAX_BACKOFF_MS, Outbox } from '../../../lib/background/outbox';
import { queueAction } from '../../../lib/cases/cases';
import { addEvidence } from '../../../lib/cases/evidence';
import { getInstallKey } from '../../../lib/cases/install-key';
import type { LocalCase } from '../../../lib/cases/model';
import { deleteMyData } from '../../../lib/cases/my-data';
import { submitDraft } from '../../../lib/cases/submit';
import { TRACKING_CODE_PATTERN } from '../../../lib/registry/cases';
import type { AntamDb } from '../../../lib/store/db';
import { freshDb, type Recorder, recordingFetch, startTinyServer } from '../background/helpers';
import { complaintDraft, complaintRequest, html, png, reportDraft, reportRequest } from './fixtures';
import { answerLosingProxy, RestartableRegistry, settingsFor } from './registry';

const registry = new RestartableRegistry();
beforeAll(async () => {
  await registry.start();
});
afterAll(async () => {
  await registry.stop();
});

let db: AntamDb;
let now: number;
let recorder: Recorder;
let rejected: LocalCase[];
let wakes: (number | null)[];
let changedSellers: string[];
beforeEach(async () => {
  changedSellers = [];
  if (!registry.isRunning) await registry.start();
  db = freshDb();
  // A minute ahead of the wall clock that stamps new entries: they are all due.
  now = Date.now() + 60_000;
  recorder = recordingFetch();
  rejected = [];
  wakes = [];
});
afterEach(async () => {
  await db.delete();
});

function outbox(url: string = registry.url): Outbox {
  return new Outbox({
    db,
    settings: settingsFor(url),
    createClient: (baseUrl) => new CasesClient({ baseUrl, fetch: recorder.fetch, timeoutMs: 5_000 }),
    clock: () => now,
    random: () => 0.5,
    onRejected: async (c) => void rejected.push(c),
    wakeAt: async (at) => void wakes.push(at),
    onSellerChanged: async (key) => void changedSellers.push(key),
  });
}

async function queuedComplaint(orderCode: string): Promise<LocalCase> {
  const draft = await complaintDraft(db, orderCode);
  await addEvidence(db, draft.id, html(`capture ${orderCode}`), {
    name: 'don-hang.html',
    source: 'page_capture',
    capturedAt: now - 1000,
  });
  return submitDraft(db, draft.id, complaintRequest(orderCode));
}

function submissions(): string[] {
  return recorder.requests
    .filter((r) => r.method === 'POST' && r.url.endsWith('/v1/complaints'))
    .map((r) => r.headers['idempotency-key'] ?? '');
}

describe('backoff', () => {
  it('starts at 30 s, doubles, stops at 1 h, and spreads by jitter', () => {
    expect(backoffMs(1, () => 1)).toBe(BASE_BACKOFF_MS);
    expect(backoffMs(2, () => 1)).toBe(2 * BASE_BACKOFF_MS);
    expect(backoffMs(30, () => 1)).toBe(MAX_BACKOFF_MS);
    expect(backoffMs(1, () => 0)).toBe(BASE_BACKOFF_MS / 2);
  });
});

describe('exactly once', () => {
  it('keeps a complaint while the registry is down and delivers it once when it is back', async () => {
    const c = await queuedComplaint('DOWN-1');
    await registry.stop();
    const box = outbox();
    await box.deliver();
    let stored = await db.cases.get(c.id);
    expect(stored?.delivery).toBe('queued');
    const [entry] = await db.outbox.orderBy('seq').toArray();
    expect(entry).toMatchObject({ op: 'submit', attempts: 1, nextAttemptAt: now + backoffMs(1, () => 0.5) });
    expect(entry?.lastError).toMatch(/unreachable/);
    expect(wakes.at(-1)).toBe(now + backoffMs(1, () => 0.5));
    // Nothing is tried again before the backoff ends, whatever triggers it.
    await box.deliver();
    expect(submissions()).toHaveLength(1);

    await registry.start();
    now += MAX_BACKOFF_MS;
    await box.deliver();
    stored = await db.cases.get(c.id);
    expect(stored?.delivery).toBe('delivered');
    expect(stored?.trackingCode).toMatch(TRACKING_CODE_PATTERN);
    expect(stored?.token).toBeTruthy();
    expect(stored?.view?.trackingCode).toBe(stored?.trackingCode);
    expect(await db.outbox.count()).toBe(0);
    expect(wakes.at(-1)).toBeNull();
    // The same key both times, and one complaint on the registry with exactly what was sent.
    expect(new Set(submissions())).toEqual(new Set([c.idempotencyKey]));
    const rows = (await registry.complaints()).filter((r) => r.tracking_code === stored?.trackingCode);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.order_code).toBe('DOWN-1');
    // The capture went with it, and the registry holds the same bytes.
    const [file] = await db.evidence.where('owner').equals(c.id).toArray();
    expect(file?.remoteId).toBeTruthy();
    const view = await new CasesClient({ baseUrl: registry.url }).getComplaint(
      stored?.trackingCode ?? '',
      stored?.token ?? '',
    );
    expect(view.evidence.map((e) => e.sha256)).toEqual([file?.sha256]);
  });

  it('retries an answer lost after the registry committed with the same key: still one complaint', async () => {
    const c = await queuedComplaint('LOST-1');
    const proxy = await answerLosingProxy(() => registry.url);
    try {
      await outbox(proxy.url).deliver();
      expect((await db.cases.get(c.id))?.delivery).toBe('queued');
      const committed = (await registry.complaints()).filter((r) => r.order_code === 'LOST-1');
      expect(committed).toHaveLength(1); // the registry did get it

      proxy.loseAnswers = false;
      now += MAX_BACKOFF_MS;
      await outbox(proxy.url).deliver();
      const stored = await db.cases.get(c.id);
      expect(stored?.delivery).toBe('delivered');
      expect(stored?.trackingCode).toBe(committed[0]?.tracking_code);
      expect((await registry.complaints()).filter((r) => r.order_code === 'LOST-1')).toHaveLength(1);
      expect(submissions()).toEqual([c.idempotencyKey, c.idempotencyKey]);
    } finally {
      await proxy.close();
    }
  });

  it('sends once however many triggers arrive together', async () => {
    const c = await queuedComplaint('MANY-1');
    const box = outbox();
    await Promise.all(Array.from({ length: 8 }, () => box.deliver({ force: true })));
    expect((await db.cases.get(c.id))?.delivery).toBe('delivered');
    expect(submissions()).toEqual([c.idempotencyKey]);
    const uploads = recorder.requests.filter((r) => r.url.endsWith('/evidence'));
    expect(uploads).toHaveLength(1);
  });

  it('holds back a case behind its failing submission, but not the other cases', async () => {
    const a = await queuedComplaint('ORDER-A');
    const b = await queuedComplaint('ORDER-B');
    // A's submission is waiting for its backoff; B is due.
    const [aSubmit] = await db.outbox.where('caseId').equals(a.id).sortBy('seq');
    await db.outbox.update(aSubmit?.seq ?? -1, { nextAttemptAt: now + 60_000 });
    await outbox().deliver();
    expect((await db.cases.get(a.id))?.delivery).toBe('queued');
    expect((await db.cases.get(b.id))?.delivery).toBe('delivered');
    // A's evidence did not jump the queue.
    expect((await db.outbox.where('caseId').equals(a.id).toArray()).map((e) => e.op)).toEqual([
      'submit',
      'evidence',
    ]);
    expect(wakes.at(-1)).toBe(now + 60_000);
  });
});

describe('refusals and retries', () => {
  it('marks a submission the registry refuses for good as rejected, with its message', async () => {
    const draft = await complaintDraft(db, 'BAD-1');
    await addEvidence(db, draft.id, png(), { name: 'a.png', source: 'photo' });
    // Not a category the registry knows: what a client bug would send.
    const bad = { ...complaintRequest('BAD-1'), category: 'misc' } as unknown as ReturnType<
      typeof complaintRequest
    >;
    const c = await submitDraft(db, draft.id, bad);
    await outbox().deliver();
    const stored = await db.cases.get(c.id);
    expect(stored?.delivery).toBe('rejected');
    expect(stored?.deliveryError).toMatch(/HTTP 400: invalid complaint/);
    expect(stored?.unseen).toBe(true);
    expect(rejected.map((r) => r.id)).toEqual([c.id]);
    expect(await db.outbox.count()).toBe(0);
    expect((await registry.complaints()).filter((r) => r.order_code === 'BAD-1')).toHaveLength(0);
  });

  it('waits out a 503 with Retry-After, keeping the case queued', async () => {
    const busy = await startTinyServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '600' });
      res.end(JSON.stringify({ error: { code: 'database_unavailable', message: 'try later' } }));
    });
    try {
      const c = await queuedComplaint('BUSY-1');
      await outbox(busy.url).deliver();
      expect((await db.cases.get(c.id))?.delivery).toBe('queued');
      const [entry] = await db.outbox.orderBy('seq').toArray();
      expect(entry?.nextAttemptAt).toBe(now + 600_000);
      expect(entry?.lastError).toBe('HTTP 503: try later');
    } finally {
      await busy.close();
    }
  });
});

describe('evidence', () => {
  it('records a file the registry refuses for good on the file, and keeps the case delivered', async () => {
    const c = await queuedComplaint('EVID-1');
    const [file] = await db.evidence.where('owner').equals(c.id).toArray();
    // Damaged since it was attached: the registry checks the bytes against the hash and says no.
    await db.evidence.update(file?.id ?? '', { sha256: 'f'.repeat(64) });
    await outbox().deliver();
    expect((await db.cases.get(c.id))?.delivery).toBe('delivered');
    const stored = await db.evidence.get(file?.id ?? '');
    expect(stored?.remoteId).toBeNull();
    expect(stored?.uploadError).toMatch(/^HTTP 400: the file received does not match X-Evidence-Sha256/);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('after delivery', () => {
  it("sends the shopper's withdrawal and keeps the registry's new view", async () => {
    const c = await queuedComplaint('WD-1');
    await outbox().deliver();
    await queueAction(db, c.id, { type: 'withdraw', reason: 'Người bán đã hoàn tiền' });
    await outbox().deliver();
    const stored = await db.cases.get(c.id);
    expect(stored?.status).toBe('withdrawn');
    expect(stored?.view?.status).toBe('withdrawn');
    expect(stored?.deliveryError).toBeNull();
    // Refused now (nothing follows withdrawal): recorded on the case, not retried.
    await queueAction(db, c.id, { type: 'accept' });
    await outbox().deliver();
    expect((await db.cases.get(c.id))?.deliveryError).toMatch(/^accept: HTTP 409/);
    expect(await db.outbox.count()).toBe(0);
  });

  it('deletes the personal data of delivered cases on the registry after "delete my data"', async () => {
    const c = await queuedComplaint('DEL-1');
    await outbox().deliver();
    const { trackingCode, token } = (await db.cases.get(c.id)) ?? {};
    expect(await deleteMyData(db)).toEqual({ registryDeletions: 1 });
    await outbox().deliver();
    expect(await db.outbox.count()).toBe(0);
    const [row] = (await registry.complaints()).filter((r) => r.tracking_code === trackingCode);
    expect(row).toBeDefined();
    const personal = await registry.current.database.db
      .selectFrom('complaint_personal')
      .selectAll()
      .where('complaint_id', '=', row?.id ?? '')
      .execute();
    expect(personal).toEqual([]);
    const view = await new CasesClient({ baseUrl: registry.url }).getComplaint(
      trackingCode ?? '',
      token ?? '',
    );
    expect(view.content).toBeNull();
  });

  it('retracts a submission whose answer was lost when the shopper deleted their data', async () => {
    const c = await queuedComplaint('RETRACT-1');
    const proxy = await answerLosingProxy(() => registry.url);
    try {
      await outbox(proxy.url).deliver(); // reached the registry, answer lost
    } finally {
      await proxy.close();
    }
    const [committed] = (await registry.complaints()).filter((r) => r.order_code === 'RETRACT-1');
    expect(committed).toBeDefined();
    const before = (await registry.complaints()).length;
    expect(await deleteMyData(db)).toEqual({ registryDeletions: 1 });
    now += MAX_BACKOFF_MS;
    await outbox().deliver();
    expect(await db.outbox.count()).toBe(0);
    expect(await registry.complaints()).toHaveLength(before); // the replay found it, created nothing
    expect(submissions()).toEqual([c.idempotencyKey, c.idempotencyKey]);
    const personal = await registry.current.database.db
      .selectFrom('complaint_personal')
      .selectAll()
      .where('complaint_id', '=', committed?.id ?? '')
      .execute();
    expect(personal).toEqual([]);
    const row = (await registry.complaints()).find((r) => r.id === committed?.id);
    // It had reached the registry before: not withdrawn by the retraction (only erased).
    expect(row?.status).not.toBe('withdrawn');
    expect(row?.order_code ?? null).toBeNull();
  });

  it('withdraws and erases a retracted submission the registry first hears of from the replay', async () => {
    const c = await queuedComplaint('RETRACT-2');
    await db.outbox.where('caseId').equals(c.id).modify({ attempts: 1 }); // tried; never arrived
    const before = new Set((await registry.complaints()).map((r) => r.id));
    expect(await deleteMyData(db)).toEqual({ registryDeletions: 1 });
    await outbox().deliver();
    expect(await db.outbox.count()).toBe(0);
    const created = (await registry.complaints()).filter((r) => !before.has(r.id));
    expect(created).toHaveLength(1);
    const [row] = created;
    expect(row?.status).toBe('withdrawn');
    const personal = await registry.current.database.db
      .selectFrom('complaint_personal')
      .selectAll()
      .where('complaint_id', '=', row?.id ?? '')
      .execute();
    expect(personal).toEqual([]);
  });
});

describe('reports', () => {
  it('delivers a counterfeit report with its evidence and follows it with its token', async () => {
    const draft = await reportDraft(db);
    await addEvidence(db, draft.id, png(7), { name: 'anh.png', source: 'photo' });
    const c = await submitDraft(db, draft.id, reportRequest(await getInstallKey(db)));
    await outbox().deliver();
    const stored = await db.cases.get(c.id);
    expect(stored).toMatchObject({ delivery: 'delivered', status: 'received', kind: 'report' });
    expect(stored?.token).toBeTruthy();
    expect(stored?.view?.trackingCode).toBe(stored?.trackingCode);
    const [row] = (await registry.reports()).filter((r) => r.tracking_code === stored?.trackingCode);
    expect(row?.listing_title).toBe('Nước hoa Chanel');
    const [file] = await db.evidence.where('owner').equals(c.id).toArray();
    const view = await new CasesClient({ baseUrl: registry.url }).getReport(
      stored?.trackingCode ?? '',
      stored?.token ?? '',
    );
    expect(view.evidence.map((e) => e.sha256)).toEqual([file?.sha256]);
    expect(file?.remoteId).toBe(view.evidence[0]?.id);
  });

  it("forgets the seller's cached record once a report or complaint is delivered, so the panel counts it", async () => {
    // The shopper's own new report did not show: the panel said 0 while the registry held 1,
    // because the seller's bucket stayed cached for its 10 minutes.
    const draft = await reportDraft(db);
    const c = await submitDraft(db, draft.id, reportRequest(await getInstallKey(db)));
    const box = outbox();
    expect(changedSellers).toEqual([]);
    await box.deliver();
    expect((await db.cases.get(c.id))?.delivery).toBe('delivered');
    expect(changedSellers).toEqual([c.sellerKey]);

    const complaint = await queuedComplaint('2411EXPIRE01');
    await box.deliver();
    expect(changedSellers).toEqual([c.sellerKey, complaint.sellerKey]);
  });

  it('records a report the registry already has from this install key as a duplicate, in no English', async () => {
    // Sent from another computer with the same install key: this one's cases know nothing of it.
    const installKey = await getInstallKey(db);
    const elsewhere = freshDb();
    try {
      const first = await reportDraft(elsewhere);
      await submitDraft(elsewhere, first.id, reportRequest(installKey));
      await new Outbox({
        db: elsewhere,
        settings: settingsFor(registry.url),
        createClient: (baseUrl) => new CasesClient({ baseUrl, timeoutMs: 5_000 }),
        clock: () => now,
      }).deliver();
      expect((await elsewhere.cases.toArray())[0]?.delivery).toBe('delivered');
    } finally {
      await elsewhere.delete();
    }

    const draft = await reportDraft(db);
    const c = await submitDraft(db, draft.id, reportRequest(installKey));
    await outbox().deliver();
    const stored = await db.cases.get(c.id);
    expect(stored).toMatchObject({ delivery: 'rejected', deliveryProblem: 'duplicate_report', unseen: true });
    // The case and what it said are kept; the registry's words stay for diagnostics only.
    expect(stored?.request).toEqual(reportRequest(installKey));
    expect(stored?.deliveryError).toMatch(/^HTTP 409/);
    expect(rejected.map((r) => r.id)).toEqual([c.id]);
  });
});
