import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ComplaintApp } from '../../../entrypoints/complaint/App';
import { submitDraft } from '../../../lib/cases/submit';
import { validateComplaintDraft } from '../../../lib/cases/validate';
import { ComplaintView, type ComplaintView as ComplaintViewType } from '../../../lib/registry/cases';
import type { AntamDb } from '../../../lib/store/db';
import { complaintDraft, freshDb, readerFor } from './cases-helpers';
import {
  type ConnectedBackground,
  cleanup,
  connectBackground,
  render,
  storeSettings,
  user,
  waitFor,
} from './helpers';

let db: AntamDb;
let bg: ConnectedBackground;
let caseId: string;

function respondedView(overrides: Partial<ComplaintViewType> = {}): ComplaintViewType {
  return ComplaintView.parse({
    trackingCode: 'AT-7K3M9Q2X',
    seller: 'shopee:672907573',
    status: 'responded',
    late: true,
    outcome: null,
    escalated: false,
    verification: { state: 'order_verified', at: '2026-06-03T02:00:00Z', by: 'platform' },
    category: 'counterfeit',
    desiredOutcome: 'refund',
    order: { orderCode: '240601ABCDEF12', orderDate: '2026-06-01', total: 515000, currency: 'VND' },
    submittedAt: '2026-06-02T01:00:00Z',
    forwardedAt: '2026-06-02T01:00:01Z',
    dueAt: '2026-06-09T01:00:01Z',
    respondedAt: '2026-06-10T08:30:00Z',
    resolvedAt: null,
    response: { kind: 'refund', message: 'Shop xin lỗi, sẽ hoàn tiền trong 3 ngày.' },
    finding: null,
    content: null,
    allowedActions: ['accept', 'dispute', 'withdraw'],
    evidence: [],
    timeline: [
      {
        at: '2026-06-02T01:00:01Z',
        actor: 'system',
        action: 'forward',
        from: 'submitted',
        to: 'forwarded',
        note: null,
        params: { dueAt: '2026-06-09T01:00:01Z' },
      },
      {
        at: '2026-06-09T01:00:02Z',
        actor: 'system',
        action: 'mark_late',
        from: 'forwarded',
        to: 'forwarded',
        note: null,
        params: {},
      },
      {
        at: '2026-06-10T08:30:00Z',
        actor: 'seller',
        action: 'respond',
        from: 'forwarded',
        to: 'responded',
        note: 'Shop xin lỗi, sẽ hoàn tiền trong 3 ngày.',
        params: { kind: 'refund', late: true },
      },
    ],
    ...overrides,
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  db = freshDb();
  bg = connectBackground(db);
  const draft = await complaintDraft(db);
  draft.complaint!.category = 'counterfeit';
  draft.complaint!.desiredOutcome = 'refund';
  draft.complaint!.description = 'Tai nghe giả.';
  draft.complaint!.consent.shareWithSeller = true;
  const valid = validateComplaintDraft(draft, 'vi', 'install-key-for-tests-0001');
  if (!valid.ok) throw new Error(JSON.stringify(valid.errors));
  await db.drafts.put(draft);
  caseId = (await submitDraft(db, draft.id, valid.request)).id;
  window.location.hash = `#case=${caseId}`;
});

afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

/** What the background does when the registry took the case and polling brought its view. */
async function deliver(view: ComplaintViewType, unseen = true) {
  await db.cases.update(caseId, {
    delivery: 'delivered',
    trackingCode: view.trackingCode,
    token: 'secret-token',
    view,
    status: view.status,
    unseen,
  });
  await db.outbox.where('caseId').equals(caseId).delete();
}

describe('case page', () => {
  it('shows a case still waiting in the outbox with one status: waiting to be sent, never "sent"', async () => {
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-view=case]')).not.toBeNull());
    expect(container.querySelector('[data-tracking=pending]')?.textContent).toBe(
      'Chưa có: mã có khi máy chủ An Tâm nhận hồ sơ',
    );
    expect(container.querySelector('[data-status]')?.textContent).toBe(
      'Đang chờ gửi (nếu đang mất mạng, An Tâm sẽ tự gửi lại sau)',
    );
    // Issue 11 item 7: no second, contradicting status anywhere on the page.
    expect(container.textContent).not.toContain('Đã gửi');
    expect(container.textContent).not.toContain('Máy chủ đã nhận');
    expect(container.textContent).toContain('Diễn biến hiện ra khi máy chủ An Tâm đã nhận hồ sơ.');
    // Nothing to act on before the registry says what is allowed.
    expect(container.querySelector('[data-view=actions]')).toBeNull();
  });

  it('shows the tracking code, deadline, lateness, the answer and the timeline in words, and marks it seen', async () => {
    await deliver(respondedView());
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-tracking=AT-7K3M9Q2X]')).not.toBeNull());
    expect(container.querySelector('[data-status]')?.textContent).toBe('Người bán đã trả lời');
    // One status: the registry's. The "not yet received" placeholder of the timeline is gone.
    expect(container.textContent).not.toContain('Máy chủ đã nhận');
    expect(container.textContent).not.toContain('Diễn biến hiện ra khi');
    expect(container.querySelector('[data-late]')?.textContent).toContain('quá hạn');
    // Who verified the order, and when: the complaint counts toward the seller's level.
    const verification = container.querySelector('[data-verification]')?.textContent ?? '';
    expect(verification).toMatch(/^Đơn hàng đã được xác minh \(bởi sàn, .*03\/06\/2026.*\)$/);
    expect(container.textContent).toContain('Shop xin lỗi, sẽ hoàn tiền trong 3 ngày.');
    const events = [...container.querySelectorAll('.timeline__event')].map((e) => e.textContent);
    expect(events).toHaveLength(3);
    expect(events[0]).toContain('Hệ thống An Tâm chuyển khiếu nại cho người bán');
    expect(events[1]).toContain('ghi nhận người bán quá hạn trả lời');
    expect(events[2]).toContain('Người bán trả lời: Hoàn tiền');
    expect(events[2]).toContain('Người bán đã trả lời');
    await waitFor(async () => expect((await db.cases.get(caseId))?.unseen).toBe(false));
    // Marked by the background, which recounts the toolbar.
    expect(bg.received).toContainEqual({ type: 'page:mark-seen', data: { caseId } });
    await waitFor(() => expect(bg.unseenChanges).toBe(1));
    // What was sent stays readable on the case.
    expect(container.querySelector('[data-view=sent-content]')?.textContent).toContain('Tai nghe giả.');
    // The secret token is never shown.
    expect(container.textContent).not.toContain('secret-token');
  });

  it('queues the shopper accepting the answer and tells the background', async () => {
    await deliver(respondedView(), false);
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-view=actions]')).not.toBeNull());
    const accept = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Chấp nhận câu trả lời',
    )!;
    await user(() => accept.click());
    await waitFor(() => expect(container.textContent).toContain('Đã ghi nhận. Yêu cầu đang được gửi đi'));
    const outbox = await db.outbox.where('caseId').equals(caseId).toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ op: 'action', action: { type: 'accept' } });
    // Queued by the background, which sends it at once.
    expect(bg.received).toContainEqual({
      type: 'page:case-action',
      data: { caseId, action: { type: 'accept' } },
    });
    expect(bg.outboxChanges).toBe(1);
    // Until the registry confirms, a second action cannot be queued.
    await waitFor(() => expect(accept.disabled).toBe(true));
  });

  it('asks for a reason before disputing, then queues the dispute with it', async () => {
    await storeSettings({ language: 'en' });
    await deliver(respondedView(), false);
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-view=actions]')).not.toBeNull());
    await user(() =>
      [...container.querySelectorAll('button')].find((b) => b.textContent === 'Dispute')!.click(),
    );
    const form = container.querySelector<HTMLFormElement>('[data-action-form=dispute]')!;
    await user(() => form.requestSubmit());
    const reason = form.querySelector('textarea')!;
    expect(container.textContent).toContain('Say why you suspect a counterfeit.');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(reason);
    expect(await db.outbox.count()).toBe(0);
    await user(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(
        reason,
        ' Chưa nhận được tiền. ',
      );
      reason.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await user(() => form.requestSubmit());
    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    expect((await db.outbox.toArray())[0]).toMatchObject({
      op: 'action',
      action: { type: 'dispute', reason: 'Chưa nhận được tiền.' },
    });
  });

  it('offers only what the registry allows', async () => {
    await deliver(
      respondedView({
        status: 'resolved',
        outcome: 'shopper',
        allowedActions: [],
        resolvedAt: '2026-06-11T00:00:00Z',
      }),
      false,
    );
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-status]')?.textContent).toBe('Đã giải quyết'));
    expect(container.querySelector('[data-view=actions]')).toBeNull();
    expect(container.querySelector('[data-outcome=shopper]')?.textContent).toBe('Kết quả: có lợi cho bạn');
  });

  it('follows a change the background writes while the page is open', async () => {
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-tracking=pending]')).not.toBeNull());
    await deliver(respondedView());
    await waitFor(() => expect(container.querySelector('[data-tracking=AT-7K3M9Q2X]')).not.toBeNull());
  });
});
