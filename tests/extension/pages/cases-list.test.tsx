import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ComplaintApp, parseRoute } from '../../../entrypoints/complaint/App';
import { submitDraft } from '../../../lib/cases/submit';
import { validateComplaintDraft } from '../../../lib/cases/validate';
import type { AntamDb } from '../../../lib/store/db';
import { complaintDraft, freshDb, readerFor, reportDraft } from './cases-helpers';
import { cleanup, connectBackground, render, user, waitFor } from './helpers';

let db: AntamDb;

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
  connectBackground(db);
  window.location.hash = '#cases';
});

afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

describe('routes', () => {
  it('reads the four hash routes and falls back to my cases', () => {
    expect(parseRoute('#draft=abc')).toEqual({ page: 'draft', id: 'abc' });
    expect(parseRoute('#case=abc')).toEqual({ page: 'case', id: 'abc' });
    expect(parseRoute('#data')).toEqual({ page: 'data' });
    expect(parseRoute('#cases')).toEqual({ page: 'cases' });
    expect(parseRoute('')).toEqual({ page: 'cases' });
    expect(parseRoute('#draft=')).toEqual({ page: 'cases' });
  });
});

describe('my cases', () => {
  it('lists drafts to continue or delete, and sent cases with code, seller, status and an unseen mark', async () => {
    const sent = await complaintDraft(db);
    Object.assign(sent.complaint!, { category: 'scam', desiredOutcome: 'refund', description: 'Lừa đảo.' });
    await db.drafts.put(sent);
    const valid = validateComplaintDraft(sent, 'vi', 'install-key-for-tests-0001');
    if (!valid.ok) throw new Error('fixture invalid');
    await submitDraft(db, sent.id, valid.request);
    const queued = await complaintDraft(db);
    Object.assign(queued.complaint!, { category: 'scam', desiredOutcome: 'refund', description: 'Lần hai.' });
    queued.complaint!.order.orderCode = 'DON-2';
    await db.drafts.put(queued);
    const valid2 = validateComplaintDraft(queued, 'vi', 'install-key-for-tests-0001');
    if (!valid2.ok) throw new Error('fixture invalid');
    await submitDraft(db, queued.id, valid2.request);
    await db.cases.update(sent.id, {
      delivery: 'delivered',
      trackingCode: 'AT-7K3M9Q2X',
      status: 'responded',
      unseen: true,
      createdAt: 1,
    });
    const report = await reportDraft(db);

    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-view=cases]')).not.toBeNull());
    const draftRow = container.querySelector(`[data-draft="${report.id}"]`)!;
    expect(draftRow.textContent).toContain('Báo hàng giả');
    expect(draftRow.textContent).toContain('Nước hoa Chanel No.5 100ml');
    expect(draftRow.querySelector('a')?.getAttribute('href')).toBe(`#draft=${report.id}`);

    const rows = [...container.querySelectorAll('[data-case]')];
    // Newest first: the delivered one was made "earlier" above.
    expect(rows.map((r) => r.getAttribute('data-case'))).toEqual([queued.id, sent.id]);
    expect(rows[0]!.textContent).toContain('Đang chờ gửi');
    // One status per case (issue 11): a queued case is not also "sent".
    expect(rows[0]!.textContent).not.toContain('Đã gửi');
    expect(rows[1]!.textContent).toContain('AT-7K3M9Q2X');
    expect(rows[1]!.textContent).toContain('Nobi Star');
    expect(rows[1]!.textContent).toContain('Người bán đã trả lời');
    expect(rows[1]!.textContent).toContain('Có cập nhật mới');
    expect(rows[0]!.textContent).not.toContain('Có cập nhật mới');

    const del = [...draftRow.querySelectorAll('button')].find((b) => b.textContent === 'Xóa')!;
    await user(() => del.click());
    await waitFor(() => expect(container.querySelector(`[data-draft="${report.id}"]`)).toBeNull());
    expect(await db.drafts.get(report.id)).toBeUndefined();
  });

  it('says so when there is nothing yet', async () => {
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.textContent).toContain('Bạn chưa có khiếu nại hay báo cáo nào.'));
  });
});
