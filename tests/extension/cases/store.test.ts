// @vitest-environment node
// lib/cases on fake IndexedDB: drafts, evidence checks, submission into the outbox, the shopper's
// actions and unseen marks, and "my data" (export, delete with the registry deletions it queues).

import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markSeen, queueAction } from '../../../lib/cases/cases';
import { deleteDraft, saveDraft } from '../../../lib/cases/drafts';
import { addEvidence, EvidenceError, removeEvidence, sha256Hex } from '../../../lib/cases/evidence';
import { getInstallKey } from '../../../lib/cases/install-key';
import { EXPORT_INLINE_BYTES, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_PER_CASE } from '../../../lib/cases/model';
import { deleteMyData, exportMyData } from '../../../lib/cases/my-data';
import {
  getCase,
  getDraft,
  listCases,
  listDrafts,
  listEvidence,
  unseenCount,
} from '../../../lib/cases/reader';
import { SubmitError, submitDraft } from '../../../lib/cases/submit';
import { AntamDb } from '../../../lib/store/db';
import { freshDb } from '../background/helpers';
import {
  complaintDraft,
  complaintRequest,
  html,
  PNG_BYTES,
  png,
  reportDraft,
  reportRequest,
} from './fixtures';

let db: AntamDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

async function expectEvidenceError(promise: Promise<unknown>, code: string): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EvidenceError);
  expect((err as EvidenceError).code).toBe(code);
}

describe('the database upgrade', () => {
  it('keeps the version-1 bucket cache and adds the case tables', async () => {
    const name = `antam-upgrade-${Date.now()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ buckets: 'prefix, accessedAt, registry' });
    await v1.table('buckets').put({ prefix: 'abcd', registry: 'http://r', entries: [], accessedAt: 1 });
    v1.close();
    const upgraded = new AntamDb(name);
    try {
      expect((await upgraded.buckets.get('abcd'))?.registry).toBe('http://r');
      const draft = await complaintDraft(upgraded);
      expect((await upgraded.drafts.get(draft.id))?.kind).toBe('complaint');
      expect(upgraded.verno).toBe(3); // version 3: the watch list (lib/background/watch.ts)
    } finally {
      await upgraded.delete();
    }
  });
});

describe('drafts', () => {
  it('creates a complaint draft prefilled from the order, with nothing consented', async () => {
    const draft = await complaintDraft(db);
    const stored = await getDraft(db, draft.id);
    expect(stored?.complaint?.order).toEqual({
      orderCode: '240101ABCDEF',
      orderDate: '2026-11-01',
      items: [{ title: 'Áo thun', productId: '1', variant: 'L', quantity: 1, unitPrice: 150000 }],
      total: 150000,
      status: 'Đã giao',
    });
    expect(stored?.complaint?.consent).toEqual({
      shareWithSeller: false,
      shareWithMarketplace: false,
      shareWithAuthorities: false,
    });
    expect(stored?.complaint?.category).toBeNull();
  });

  it('autosaves, keeps createdAt, refuses to resurrect a deleted draft, lists newest edit first', async () => {
    const first = await complaintDraft(db, 'A1');
    const second = await reportDraft(db);
    await new Promise((r) => setTimeout(r, 5));
    const edited = { ...first, createdAt: 1, complaint: { ...first.complaint!, description: 'Hàng lỗi' } };
    await saveDraft(db, edited);
    const stored = await getDraft(db, first.id);
    expect(stored?.complaint?.description).toBe('Hàng lỗi');
    expect(stored?.createdAt).toBe(first.createdAt);
    expect((await listDrafts(db)).map((d) => d.id)).toEqual([first.id, second.id]);

    await addEvidence(db, first.id, png(), { name: 'a.png', source: 'photo' });
    await deleteDraft(db, first.id);
    expect(await getDraft(db, first.id)).toBeUndefined();
    expect(await listEvidence(db, first.id)).toEqual([]);
    await expect(saveDraft(db, edited)).rejects.toThrow(/no longer exists/);
    expect(await getDraft(db, first.id)).toBeUndefined();
  });
});

describe('evidence', () => {
  it('recognises the type by content, hashes the bytes, keeps the capture time', async () => {
    const draft = await complaintDraft(db);
    const record = await addEvidence(db, draft.id, new Blob([PNG_BYTES], { type: 'text/plain' }), {
      name: '../../etc/ảnh\u0000.png',
      source: 'screenshot',
      capturedAt: 1_700_000_000_000,
    });
    expect(record.type).toBe('image/png');
    expect(record.size).toBe(PNG_BYTES.length);
    expect(record.sha256).toBe(await sha256Hex(PNG_BYTES));
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.name).toBe('ảnh.png');
    expect(record.capturedAt).toBe(1_700_000_000_000);
    const [stored] = await listEvidence(db, draft.id);
    expect(stored?.blob.type).toBe('image/png');
    expect(new Uint8Array(await stored!.blob.arrayBuffer())).toEqual(PNG_BYTES);
  });

  it('refuses empty, oversized, unknown, duplicate files and the eleventh', async () => {
    const draft = await complaintDraft(db);
    await expectEvidenceError(
      addEvidence(db, draft.id, new Blob([]), { name: 'x', source: 'photo' }),
      'empty',
    );
    const huge = new Blob([PNG_BYTES, new Uint8Array(MAX_EVIDENCE_BYTES)]);
    await expectEvidenceError(addEvidence(db, draft.id, huge, { name: 'x', source: 'photo' }), 'size');
    const exe = new Blob([Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3])]);
    await expectEvidenceError(addEvidence(db, draft.id, exe, { name: 'photo.jpg', source: 'photo' }), 'type');
    // HTML only as the extension's own capture: a "photo" that is markup is refused.
    await expectEvidenceError(
      addEvidence(db, draft.id, html(), { name: 'anh.jpg', source: 'photo' }),
      'type',
    );
    await addEvidence(db, draft.id, html(), { name: 'page.html', source: 'page_capture' });
    await expectEvidenceError(
      addEvidence(db, draft.id, html(), { name: 'again', source: 'page_capture' }),
      'duplicate',
    );
    for (let i = 1; i < MAX_EVIDENCE_PER_CASE; i++) {
      await addEvidence(db, draft.id, png(i), { name: `${i}.png`, source: 'photo' });
    }
    await expectEvidenceError(addEvidence(db, draft.id, png(200), { name: 'x', source: 'photo' }), 'count');
    expect(await listEvidence(db, draft.id)).toHaveLength(MAX_EVIDENCE_PER_CASE);
    // The same file is fine on another draft.
    const other = await complaintDraft(db, 'B2');
    await addEvidence(db, other.id, html(), { name: 'page.html', source: 'page_capture' });
  });

  it('counts concurrent additions against one limit', async () => {
    const draft = await complaintDraft(db);
    const results = await Promise.allSettled(
      Array.from({ length: MAX_EVIDENCE_PER_CASE + 3 }, (_, i) =>
        addEvidence(db, draft.id, png(i), { name: `${i}.png`, source: 'photo' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_EVIDENCE_PER_CASE);
    expect(await listEvidence(db, draft.id)).toHaveLength(MAX_EVIDENCE_PER_CASE);
  });

  it('removes one file', async () => {
    const draft = await complaintDraft(db);
    const a = await addEvidence(db, draft.id, png(1), { name: 'a.png', source: 'photo' });
    const b = await addEvidence(db, draft.id, png(2), { name: 'b.png', source: 'photo' });
    await removeEvidence(db, a.id);
    expect((await listEvidence(db, draft.id)).map((e) => e.id)).toEqual([b.id]);
  });
});

describe('submitDraft', () => {
  it('turns the draft into a queued case with its outbox entries, in one go', async () => {
    const draft = await complaintDraft(db);
    const e1 = await addEvidence(db, draft.id, html(), {
      name: 'p.html',
      source: 'page_capture',
      capturedAt: 1,
    });
    const e2 = await addEvidence(db, draft.id, png(), { name: 'a.png', source: 'photo', capturedAt: 2 });
    const request = complaintRequest();
    const c = await submitDraft(db, draft.id, request);
    expect(c).toMatchObject({
      id: draft.id,
      kind: 'complaint',
      delivery: 'queued',
      status: 'submitted',
      subject: '240101ABCDEF',
      sellerKey: request.seller,
      sellerName: 'nobistar.sg',
      trackingCode: null,
      token: null,
      unseen: false,
    });
    expect(c.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.request).toEqual(request);
    expect(await getDraft(db, draft.id)).toBeUndefined();
    expect((await listEvidence(db, draft.id)).map((e) => e.id)).toEqual([e1.id, e2.id]);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => [e.op, e.caseId])).toEqual([
      ['submit', draft.id],
      ['evidence', draft.id],
      ['evidence', draft.id],
    ]);
    expect(outbox[0]?.idempotencyKey).toBe(c.idempotencyKey);
    expect(outbox.slice(1).map((e) => (e.op === 'evidence' ? e.evidenceId : null))).toEqual([e1.id, e2.id]);

    // A second click gets the same case, and no second set of entries.
    expect((await submitDraft(db, draft.id, request)).idempotencyKey).toBe(c.idempotencyKey);
    expect(await db.outbox.count()).toBe(3);
  });

  it('submits a report as received, and refuses mismatched kinds and missing drafts', async () => {
    const draft = await reportDraft(db);
    await expect(submitDraft(db, draft.id, complaintRequest())).rejects.toBeInstanceOf(SubmitError);
    const c = await submitDraft(db, draft.id, reportRequest(await getInstallKey(db)));
    expect(c).toMatchObject({ kind: 'report', status: 'received', subject: 'Nước hoa Chanel' });
    await expect(submitDraft(db, 'no-such-draft', complaintRequest())).rejects.toThrow(/does not exist/);
  });
});

describe('cases', () => {
  it('lists newest first, queues shopper actions, counts and clears unseen marks', async () => {
    const older = await submitDraft(db, (await complaintDraft(db, 'A')).id, complaintRequest('A'));
    await new Promise((r) => setTimeout(r, 5));
    const newer = await submitDraft(db, (await complaintDraft(db, 'B')).id, complaintRequest('B'));
    expect((await listCases(db)).map((c) => c.id)).toEqual([newer.id, older.id]);

    await queueAction(db, older.id, { type: 'dispute', reason: 'Người bán chưa hoàn tiền' });
    const entries = await db.outbox.where('caseId').equals(older.id).sortBy('seq');
    expect(entries.map((e) => e.op)).toEqual(['submit', 'action']);
    expect(entries[1]).toMatchObject({
      op: 'action',
      action: { type: 'dispute', reason: 'Người bán chưa hoàn tiền' },
    });
    await expect(
      queueAction(db, older.id, { type: 'respond', kind: 'refund', message: 'x' }),
    ).rejects.toThrow(/cannot respond/);
    await expect(queueAction(db, older.id, { type: 'dispute', reason: '   ' })).rejects.toThrow();
    await expect(queueAction(db, 'nope', { type: 'accept' })).rejects.toThrow(/does not exist/);

    expect(await unseenCount(db)).toBe(0);
    await db.cases.update(older.id, { unseen: true });
    await db.cases.update(newer.id, { unseen: true });
    expect(await unseenCount(db)).toBe(2);
    await markSeen(db, older.id);
    expect(await unseenCount(db)).toBe(1);
    expect((await getCase(db, older.id))?.unseen).toBe(false);
  });
});

describe('my data', () => {
  it('exports drafts, cases and evidence (small files inline, tokens only when asked)', async () => {
    const draft = await complaintDraft(db, 'EXP1');
    await addEvidence(db, draft.id, png(), { name: 'a.png', source: 'photo' });
    const bigBytes = new Uint8Array(EXPORT_INLINE_BYTES + 10);
    bigBytes.set(PNG_BYTES);
    await addEvidence(db, draft.id, new Blob([bigBytes]), { name: 'big.png', source: 'photo' });
    const c = await submitDraft(db, draft.id, complaintRequest('EXP1'));
    await db.cases.update(c.id, {
      delivery: 'delivered',
      trackingCode: 'AT-ABCDEFGH',
      token: 'secret-token',
    });
    const other = await reportDraft(db);

    const exported = await exportMyData(db);
    const roundTrip = JSON.parse(JSON.stringify(exported)) as typeof exported;
    expect(roundTrip).toEqual(exported);
    expect(exported.format).toBe('antam-my-data');
    expect(exported.drafts.map((d) => d.id)).toEqual([other.id]);
    expect(exported.cases).toHaveLength(1);
    expect(exported.cases[0]).not.toHaveProperty('token');
    expect(exported.cases[0]?.request).toEqual(complaintRequest('EXP1'));
    const small = exported.evidence.find((e) => e.name === 'a.png');
    const big = exported.evidence.find((e) => e.name === 'big.png');
    expect(small?.dataBase64).not.toBeNull();
    expect(Uint8Array.from(atob(small?.dataBase64 ?? ''), (ch) => ch.charCodeAt(0))).toEqual(
      new Uint8Array(await png().arrayBuffer()),
    );
    expect(big?.dataBase64).toBeNull();
    expect(big?.size).toBe(EXPORT_INLINE_BYTES + 10);
    expect(JSON.stringify(exported)).not.toContain('secret-token');

    const withTokens = await exportMyData(db, { includeTokens: true });
    expect(withTokens.cases[0]?.token).toBe('secret-token');
  });

  it('deletes everything locally and queues registry deletions: delivered, maybe-sent, never-sent', async () => {
    const delivered = await submitDraft(db, (await complaintDraft(db, 'D')).id, complaintRequest('D'));
    await db.cases.update(delivered.id, {
      delivery: 'delivered',
      trackingCode: 'AT-ABCDEFGH',
      token: 'tok-d',
    });
    await db.outbox.where('caseId').equals(delivered.id).delete();
    await queueAction(db, delivered.id, { type: 'accept' });

    const tried = await submitDraft(db, (await complaintDraft(db, 'T')).id, complaintRequest('T'));
    await db.outbox.where('caseId').equals(tried.id).modify({ attempts: 1 });
    const neverSent = await submitDraft(db, (await complaintDraft(db, 'N')).id, complaintRequest('N'));
    const rejected = await submitDraft(db, (await complaintDraft(db, 'R')).id, complaintRequest('R'));
    await db.cases.update(rejected.id, { delivery: 'rejected', deliveryError: 'HTTP 400' });
    await db.outbox.where('caseId').equals(rejected.id).delete();
    const draft = await complaintDraft(db, 'DRAFT');
    await addEvidence(db, draft.id, png(), { name: 'a.png', source: 'photo' });
    const key = await getInstallKey(db);

    expect(await deleteMyData(db)).toEqual({ registryDeletions: 2 });
    expect(await db.cases.count()).toBe(0);
    expect(await db.drafts.count()).toBe(0);
    expect(await db.evidence.count()).toBe(0);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox).toHaveLength(2);
    expect(outbox).toContainEqual(
      expect.objectContaining({
        op: 'delete_personal_data',
        kind: 'complaint',
        trackingCode: 'AT-ABCDEFGH',
        token: 'tok-d',
        caseId: delivered.id,
      }),
    );
    expect(outbox).toContainEqual(
      expect.objectContaining({
        op: 'retract',
        caseId: tried.id,
        idempotencyKey: tried.idempotencyKey,
        request: complaintRequest('T'),
      }),
    );
    expect(outbox.some((e) => e.caseId === neverSent.id)).toBe(false);
    // A new install key afterwards: the old one is gone with the rest.
    expect(await getInstallKey(db)).not.toBe(key);

    // Deleting again keeps the erasures still waiting, and adds none.
    expect(await deleteMyData(db)).toEqual({ registryDeletions: 0 });
    expect(await db.outbox.count()).toBe(2);
  });
});
