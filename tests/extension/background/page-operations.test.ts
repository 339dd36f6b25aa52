// @vitest-environment node
// The page operations on cases and settings as the browser delivers them: the background's
// router and case writer on a fresh database, messages carried as JSON (what Chromium's runtime
// messaging does: no Blob, no ArrayBuffer survives), a sender that is one of our pages. Each
// operation is refused from anyone else and with a bad payload, writes what it says, and keeps
// the order the pages asked in.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CaseWriter } from '../../../lib/background/case-writer';
import { createRouter, type MessageListener } from '../../../lib/background/router';
import { CaseStarter } from '../../../lib/background/start-case';
import { TabPages } from '../../../lib/background/tabs';
import { bytesToBase64 } from '../../../lib/base64';
import { sha256Hex } from '../../../lib/cases/evidence';
import { EXPORT_INLINE_BYTES, MAX_EVIDENCE_BYTES } from '../../../lib/cases/model';
import { listEvidence } from '../../../lib/cases/reader';
import { submitDraft } from '../../../lib/cases/submit';
import { MAX_EVIDENCE_BASE64 } from '../../../lib/messaging-schemas';
import { loadSettings, saveSettings } from '../../../lib/settings';
import type { AntamDb } from '../../../lib/store/db';
import { complaintDraft, complaintRequest, html, PNG_BYTES, reportDraft, SELLER } from '../cases/fixtures';
import { freshDb } from './helpers';

type Sender = Browser.runtime.MessageSender;

let db: AntamDb;
let listener: MessageListener;
let outboxChanges: number;
let unseenChanges: number;

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
  outboxChanges = 0;
  unseenChanges = 0;
  const writer = new CaseWriter({
    db,
    outboxChanged: () => {
      outboxChanges += 1;
    },
    unseenChanged: () => {
      unseenChanges += 1;
    },
  });
  listener = createRouter({
    // Trust is not what these operations touch; a snooze needs a record only to snooze.
    trust: { lookup: async () => ({}) },
    tabs: new TabPages(),
    cases: { starter: new CaseStarter({ db }), writer },
  });
});

afterEach(async () => {
  db.close();
  await db.delete();
});

const PAGE: Sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/complaint.html') };

/** What Chromium does to a message and its answer: JSON both ways. */
async function ask(type: string, data: unknown, sender: Sender = PAGE): Promise<unknown> {
  const message = JSON.parse(JSON.stringify({ type, data }));
  const answer = await listener(message, sender);
  return answer === undefined ? answer : JSON.parse(JSON.stringify(answer));
}

const pngBase64 = (variant = 0) => bytesToBase64(new Uint8Array([...PNG_BYTES, variant]));

describe('who may ask', () => {
  it('refuses every case and settings operation from a content script, a web page or another extension', async () => {
    const draft = await complaintDraft(db);
    const tab = await fakeBrowser.tabs.create({ url: 'https://shopee.vn/product/672907573/1' });
    const senders: Sender[] = [
      { id: fakeBrowser.runtime.id, tab, frameId: 0, url: tab.url },
      { id: fakeBrowser.runtime.id, tab, frameId: 0, url: `https://evil.example/?${PAGE.url}` },
      { ...PAGE, id: 'another-extension' },
    ];
    const operations: [string, unknown][] = [
      ['page:save-draft', { draft: { ...draft, complaint: { ...draft.complaint, description: 'x' } } }],
      ['page:delete-draft', { draftId: draft.id }],
      ['page:add-evidence', { owner: draft.id, name: 'a.png', dataBase64: pngBase64() }],
      ['page:submit-case', { draftId: draft.id, request: complaintRequest() }],
      ['page:delete-my-data', {}],
      ['page:save-settings', { patch: { language: 'en' } }],
    ];
    for (const sender of senders) {
      for (const [type, data] of operations) {
        await expect(ask(type, data, sender)).rejects.toThrow(/sender|not accepted/);
      }
    }
    expect(await db.drafts.get(draft.id)).toEqual(draft);
    expect(await db.evidence.count()).toBe(0);
    expect(await db.cases.count()).toBe(0);
    expect((await loadSettings()).language).toBe('vi');
  });
});

describe('what may be asked', () => {
  it('refuses bad payloads before anything is written', async () => {
    const draft = await complaintDraft(db);
    const refused: [string, unknown][] = [
      // A draft with fields it does not have, or of the other kind.
      ['page:save-draft', { draft: { ...draft, admin: true } }],
      ['page:save-draft', { draft: { ...draft, kind: 'report' } }],
      ['page:save-draft', { draft: { ...draft, complaint: { ...draft.complaint, category: 'revenge' } } }],
      // Files: not base64, or over the limit before anything is decoded.
      ['page:add-evidence', { owner: draft.id, name: 'a.png', dataBase64: '<svg onload=alert(1)>' }],
      [
        'page:add-evidence',
        { owner: draft.id, name: 'a.png', dataBase64: 'A'.repeat(MAX_EVIDENCE_BASE64 + 4) },
      ],
      // A page cannot declare its file a page capture (HTML is accepted only from the extension).
      [
        'page:add-evidence',
        { owner: draft.id, name: 'a.html', dataBase64: pngBase64(), source: 'page_capture' },
      ],
      // A request the registry would refuse is not a case.
      [
        'page:submit-case',
        { draftId: draft.id, request: { ...complaintRequest(), desiredOutcome: 'revenge' } },
      ],
      ['page:case-action', { caseId: draft.id, action: { type: 'explode' } }],
      // Snoozes have their own operation; settings hold only what the schema knows.
      ['page:save-settings', { patch: { snoozed: { [SELLER]: '2026-01-01' } } }],
      ['page:save-settings', { patch: { registryUrl: 'javascript:alert(1)' } }],
      ['page:save-settings', { patch: { language: 'fr' } }],
    ];
    for (const [type, data] of refused) {
      await expect(ask(type, data), `${type} ${JSON.stringify(data).slice(0, 80)}`).rejects.toThrow(
        /invalid message/,
      );
    }
    expect(await db.drafts.get(draft.id)).toEqual(draft);
    expect(await db.evidence.count()).toBe(0);
    expect(await db.cases.count()).toBe(0);
    expect(await loadSettings()).toEqual(await saveSettings({}));
    expect((await loadSettings()).language).toBe('vi');
  });

  it('takes a file of exactly the limit through the schema (the bound is not off by one)', async () => {
    const draft = await complaintDraft(db);
    const atLimit = new Uint8Array(MAX_EVIDENCE_BYTES);
    atLimit.set(PNG_BYTES);
    const answer = await ask('page:add-evidence', {
      owner: draft.id,
      name: 'lon.png',
      dataBase64: bytesToBase64(atLimit),
    });
    expect(answer).toMatchObject({ ok: true });
    expect((await listEvidence(db, draft.id))[0]?.size).toBe(MAX_EVIDENCE_BYTES);
  });
});

describe('drafts and evidence', () => {
  it('autosaves the draft as sent, and says when it is gone instead of bringing it back', async () => {
    const draft = await complaintDraft(db);
    const edited = {
      ...draft,
      complaint: { ...draft.complaint!, description: 'Hàng giả.', category: 'counterfeit' as const },
    };
    expect(await ask('page:save-draft', { draft: edited })).toEqual({ saved: true });
    expect((await db.drafts.get(draft.id))?.complaint).toEqual(edited.complaint);

    await submitDraft(db, draft.id, complaintRequest());
    expect(await ask('page:save-draft', { draft: edited })).toEqual({ saved: false, gone: true });
    expect(await db.drafts.get(draft.id)).toBeUndefined();
  });

  it('applies saves in the order the page sent them, whatever each one waits for', async () => {
    const draft = await complaintDraft(db);
    const versions = ['một', 'hai', 'ba'].map((description) => ({
      ...draft,
      complaint: { ...draft.complaint!, description },
    }));
    await Promise.all(versions.map((v) => ask('page:save-draft', { draft: v })));
    expect((await db.drafts.get(draft.id))?.complaint?.description).toBe('ba');
    // A save sent before the submission lands before it; one sent after finds the draft gone.
    const [before, submitted] = await Promise.all([
      ask('page:save-draft', { draft: versions[0] }),
      ask('page:submit-case', { draftId: draft.id, request: complaintRequest() }),
    ]);
    expect(before).toEqual({ saved: true });
    expect(submitted).toEqual({ ok: true, caseId: draft.id });
    expect(await ask('page:save-draft', { draft: versions[1] })).toEqual({ saved: false, gone: true });
  });

  it('stores a photo sent as base64 byte for byte, with its type from the bytes, and refuses by code', async () => {
    const draft = await complaintDraft(db);
    const answer = (await ask('page:add-evidence', {
      owner: draft.id,
      name: 'C:\\ảnh\\hoá-đơn.png',
      dataBase64: pngBase64(7),
    })) as { ok: true; evidenceId: string };
    expect(answer.ok).toBe(true);
    const [stored] = await listEvidence(db, draft.id);
    const sent = new Uint8Array([...PNG_BYTES, 7]);
    expect(stored).toMatchObject({
      id: answer.evidenceId,
      name: 'hoá-đơn.png',
      type: 'image/png',
      source: 'photo',
    });
    expect(new Uint8Array(await stored!.blob.arrayBuffer())).toEqual(sent);
    expect(stored?.sha256).toBe(await sha256Hex(sent));

    const refusals = [
      [pngBase64(7), 'duplicate'],
      [bytesToBase64(new Uint8Array(await html().arrayBuffer())), 'type'],
      ['', 'empty'],
    ] as const;
    for (const [dataBase64, code] of refusals) {
      expect(await ask('page:add-evidence', { owner: draft.id, name: 'x.png', dataBase64 })).toEqual({
        ok: false,
        code,
      });
    }
    expect(await db.evidence.count()).toBe(1);
  });

  it('adds and removes files of drafts only: a sent case keeps what it sent', async () => {
    const draft = await complaintDraft(db);
    const { evidenceId } = (await ask('page:add-evidence', {
      owner: draft.id,
      name: 'a.png',
      dataBase64: pngBase64(1),
    })) as { evidenceId: string };
    await ask('page:submit-case', { draftId: draft.id, request: complaintRequest() });
    await expect(ask('page:remove-evidence', { evidenceId })).rejects.toThrow(/keeps its files/);
    await expect(
      ask('page:add-evidence', { owner: draft.id, name: 'b.png', dataBase64: pngBase64(2) }),
    ).rejects.toThrow(/drafts only/);
    expect(await db.evidence.count()).toBe(1);

    const other = await complaintDraft(db, 'KHAC-1');
    const second = (await ask('page:add-evidence', {
      owner: other.id,
      name: 'c.png',
      dataBase64: pngBase64(3),
    })) as {
      evidenceId: string;
    };
    expect(await ask('page:remove-evidence', { evidenceId: second.evidenceId })).toEqual({ ok: true });
    expect(await listEvidence(db, other.id)).toEqual([]);
  });

  it('deletes a draft with its files', async () => {
    const draft = await complaintDraft(db);
    await ask('page:add-evidence', { owner: draft.id, name: 'a.png', dataBase64: pngBase64() });
    expect(await ask('page:delete-draft', { draftId: draft.id })).toEqual({ ok: true });
    expect(await db.drafts.get(draft.id)).toBeUndefined();
    expect(await db.evidence.count()).toBe(0);
  });
});

describe('cases', () => {
  it('submits: the case and its outbox are stored before the answer, then handed to delivery', async () => {
    const draft = await complaintDraft(db);
    await ask('page:add-evidence', { owner: draft.id, name: 'a.png', dataBase64: pngBase64() });
    expect(await ask('page:submit-case', { draftId: draft.id, request: complaintRequest() })).toEqual({
      ok: true,
      caseId: draft.id,
    });
    expect((await db.cases.get(draft.id))?.request).toEqual(complaintRequest());
    expect((await db.outbox.toArray()).map((e) => e.op)).toEqual(['submit', 'evidence']);
    expect(outboxChanges).toBe(1);
    // Twice is the same case, not a second one.
    expect(await ask('page:submit-case', { draftId: draft.id, request: complaintRequest() })).toMatchObject({
      ok: true,
    });
    expect(await db.cases.count()).toBe(1);
    // A report request for a complaint draft is refused in words the page can show.
    const report = await reportDraft(db);
    expect(await ask('page:submit-case', { draftId: report.id, request: complaintRequest() })).toEqual({
      ok: false,
      error: expect.stringMatching(/cannot be submitted/),
    });
  });

  it('queues the shopper’s action and marks a case seen, each followed by what the background owes', async () => {
    const draft = await complaintDraft(db);
    await ask('page:submit-case', { draftId: draft.id, request: complaintRequest() });
    expect(
      await ask('page:case-action', {
        caseId: draft.id,
        action: { type: 'dispute', reason: 'Chưa nhận tiền.' },
      }),
    ).toEqual({
      ok: true,
    });
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({ op: 'action', action: { type: 'dispute' } });
    expect(outboxChanges).toBe(2);
    // What only a seller may do is refused in words, not queued.
    expect(
      await ask('page:case-action', {
        caseId: draft.id,
        action: { type: 'respond', kind: 'refund', message: 'OK' },
      }),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/cannot respond/),
    });

    await db.cases.update(draft.id, { unseen: true });
    expect(await ask('page:mark-seen', { caseId: draft.id })).toEqual({ ok: true });
    expect((await db.cases.get(draft.id))?.unseen).toBe(false);
    expect(unseenChanges).toBe(1);
  });

  it('hands out one install key, and exports and deletes the shopper’s data', async () => {
    const first = (await ask('page:install-key', {})) as { installKey: string };
    expect(await ask('page:install-key', {})).toEqual(first);

    const draft = await complaintDraft(db);
    await ask('page:add-evidence', { owner: draft.id, name: 'a.png', dataBase64: pngBase64() });
    const exported = (await ask('page:export-my-data', {})) as {
      drafts: unknown[];
      evidence: { dataBase64: string }[];
    };
    expect(exported.drafts).toHaveLength(1);
    expect(exported.evidence[0]?.dataBase64).toBe(pngBase64());
    expect(PNG_BYTES.length).toBeLessThan(EXPORT_INLINE_BYTES);

    expect(await ask('page:delete-my-data', {})).toEqual({ registryDeletions: 0 });
    expect(await db.drafts.count()).toBe(0);
    expect(await db.evidence.count()).toBe(0);
    expect(((await ask('page:install-key', {})) as { installKey: string }).installKey).not.toBe(
      first.installKey,
    );
  });
});

describe('settings', () => {
  it('writes what the options page asks, and answers with the settings now stored', async () => {
    const answer = await ask('page:save-settings', {
      patch: { language: 'en', listingBadges: false, registryUrl: 'https://registry.example.org' },
    });
    expect(await loadSettings()).toEqual(answer);
    expect(answer).toMatchObject({
      language: 'en',
      listingBadges: false,
      registryUrl: 'https://registry.example.org',
    });
  });

  it('keeps both a settings change and a snooze sent at once (one writer, in turn)', async () => {
    await saveSettings({ snoozed: { [SELLER]: '2026-06-10T12:00:00Z', 'tiki:1': '2026-06-10T12:00:00Z' } });
    await Promise.all([
      ask('page:save-settings', { patch: { language: 'en' } }),
      ask('page:snooze', { key: SELLER, snoozed: false }),
      ask('page:save-settings', { patch: { listingBadges: false } }),
    ]);
    expect(await loadSettings()).toMatchObject({
      language: 'en',
      listingBadges: false,
      snoozed: { 'tiki:1': '2026-06-10T12:00:00Z' },
    });
  });
});
