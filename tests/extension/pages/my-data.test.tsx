import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exportFileName } from '../../../components/cases/MyData';
import { ComplaintApp } from '../../../entrypoints/complaint/App';
import { addEvidence } from '../../../lib/cases/evidence';
import { submitDraft } from '../../../lib/cases/submit';
import { validateComplaintDraft } from '../../../lib/cases/validate';
import type { AntamDb } from '../../../lib/store/db';
import { complaintDraft, freshDb, htmlBlob, readerFor, reportDraft } from './cases-helpers';
import { type ConnectedBackground, cleanup, connectBackground, render, user, waitFor } from './helpers';

let db: AntamDb;
let bg: ConnectedBackground;

beforeEach(async () => {
  fakeBrowser.reset();
  db = freshDb();
  bg = connectBackground(db);
  window.location.hash = '#data';
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

/** One delivered complaint (with its capture) and one draft report. */
async function seed() {
  const draft = await complaintDraft(db);
  Object.assign(draft.complaint!, { category: 'scam', desiredOutcome: 'refund', description: 'Lừa đảo.' });
  await db.drafts.put(draft);
  await addEvidence(db, draft.id, htmlBlob(), { name: 'trang.html', source: 'page_capture' });
  const valid = validateComplaintDraft(draft, 'vi', 'install-key-for-tests-0001');
  if (!valid.ok) throw new Error('fixture invalid');
  await submitDraft(db, draft.id, valid.request);
  await db.cases.update(draft.id, { delivery: 'delivered', trackingCode: 'AT-7K3M9Q2X', token: 'tok-1' });
  await db.outbox.clear();
  const report = await reportDraft(db);
  return { caseId: draft.id, reportId: report.id };
}

function button(container: HTMLElement, text: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

describe('my data', () => {
  it('names the export file by the local date', () => {
    expect(exportFileName(new Date(2026, 0, 5, 23, 59))).toBe('antam-du-lieu-2026-01-05.json');
  });

  it('downloads everything as one JSON file, without the secret case tokens', async () => {
    const { caseId, reportId } = await seed();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:antam-test';
    });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-view=data]')).not.toBeNull());
    await user(() => button(container, 'Tải xuống dữ liệu (JSON)').click());
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]!.download).toBe(exportFileName(new Date()));
    expect(container.textContent).toContain(`Đã tạo tệp ${exportFileName(new Date())}.`);
    const data = JSON.parse(await blobs[0]!.text());
    expect(data.format).toBe('antam-my-data');
    expect(data.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(data.cases[0].trackingCode).toBe('AT-7K3M9Q2X');
    expect(data.drafts.map((d: { id: string }) => d.id)).toEqual([reportId]);
    expect(data.evidence.map((e: { name: string }) => e.name)).toEqual(['trang.html']);
    expect(JSON.stringify(data)).not.toContain('tok-1');
  });

  it('deletes everything locally after saying what happens, and asks the registry for the delivered case', async () => {
    await seed();
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-view=data]')).not.toBeNull());
    await user(() => button(container, 'Xóa toàn bộ dữ liệu').click());
    const dialog = container.querySelector('[role=alertdialog]')!;
    expect(document.activeElement).toBe(dialog);
    expect(dialog.textContent).toContain('bị xóa ngay, không khôi phục được');
    expect(dialog.textContent).toContain('gửi yêu cầu xóa thông tin cá nhân của bạn khỏi máy chủ');
    // Nothing happens until the shopper confirms.
    expect(await db.cases.count()).toBe(1);
    await user(() => button(container, 'Xóa tất cả').click());
    await waitFor(() =>
      expect(container.textContent).toContain(
        'Đã xóa dữ liệu trên máy. Đã gửi 1 yêu cầu xóa thông tin cá nhân lên máy chủ.',
      ),
    );
    expect(await db.cases.count()).toBe(0);
    expect(await db.drafts.count()).toBe(0);
    expect(await db.evidence.count()).toBe(0);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      op: 'delete_personal_data',
      trackingCode: 'AT-7K3M9Q2X',
      token: 'tok-1',
    });
    expect(bg.received).toContainEqual({ type: 'page:delete-my-data', data: {} });
    expect(bg.outboxChanges).toBe(1);
    expect(container.querySelector('[role=alertdialog]')).toBeNull();
  });

  it('keeps everything when the shopper changes their mind', async () => {
    await seed();
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-view=data]')).not.toBeNull());
    await user(() => button(container, 'Xóa toàn bộ dữ liệu').click());
    await user(() => button(container, 'Không xóa').click());
    expect(container.querySelector('[role=alertdialog]')).toBeNull();
    expect(await db.cases.count()).toBe(1);
    expect(await db.drafts.count()).toBe(1);
  });
});
