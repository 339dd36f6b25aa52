import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../../entrypoints/popup/App';
import { submitDraft } from '../../../lib/cases/submit';
import { validateComplaintDraft } from '../../../lib/cases/validate';
import type { PageReport, TabState } from '../../../lib/messaging';
import type { AntamDb } from '../../../lib/store/db';
import { complaintDraft, freshDb, readerFor } from './cases-helpers';
import { cleanup, render, setValue, stubBackground, user, waitFor } from './helpers';

let tabId: number;
let db: AntamDb;

beforeEach(async () => {
  fakeBrowser.reset();
  db = freshDb();
  const win = await fakeBrowser.windows.create({ focused: true });
  const tab = await fakeBrowser.tabs.create({
    url: 'https://shopee.vn/product/672907573/1',
    active: true,
    windowId: win?.id,
  });
  tabId = tab.id!;
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

const shopPage: PageReport = {
  platform: 'shopee',
  kind: 'shop',
  sellerKey: 'shopee:672907573',
  sellerName: 'Nobi',
};
const productPage: PageReport = {
  ...shopPage,
  kind: 'product',
  product: { id: '1', title: 'Nước hoa', price: 350000, url: 'https://shopee.vn/product/672907573/1' },
};

async function renderWith(state: TabState) {
  const received = stubBackground({
    'page:tab-state': () => state,
    'page:start-complaint': () => ({ draftId: 'd1' }),
    'page:start-report': () => ({ draftId: 'r1' }),
  });
  const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
  const rendered = await render(<PopupApp reader={readerFor(db)} />);
  await waitFor(() => expect(rendered.container.textContent).not.toContain('Đang tải'));
  return { ...rendered, received, close };
}

const absent = { status: 'absent', fetchedAt: 0 } as const;

describe('popup: complaints and reports', () => {
  it('starts a complaint about the tab seller with the typed order code, then closes', async () => {
    const { container, received, close } = await renderWith({ page: shopPage, result: absent });
    const form = container.querySelector<HTMLFormElement>('[data-view=start-complaint]')!;
    const input = form.querySelector('input')!;
    expect(form.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Mã đơn hàng');
    await user(() => setValue(input, '  240601ABCDEF12 '));
    await user(() => form.requestSubmit());
    await waitFor(() => expect(close).toHaveBeenCalledOnce());
    expect(received).toContainEqual({
      type: 'page:start-complaint',
      data: { tabId, orderCode: '240601ABCDEF12' },
    });
  });

  it('asks for the order code before sending anything', async () => {
    const { container, received, close } = await renderWith({ page: shopPage, result: absent });
    const form = container.querySelector<HTMLFormElement>('[data-view=start-complaint]')!;
    await user(() => form.requestSubmit());
    expect(form.querySelector('[role=alert]')?.textContent).toBe('Hãy nhập mã đơn hàng.');
    expect(document.activeElement).toBe(form.querySelector('input'));
    expect(received.map((m) => m.type)).not.toContain('page:start-complaint');
    expect(close).not.toHaveBeenCalled();
  });

  it('offers a counterfeit report on a product page only', async () => {
    const shop = await renderWith({ page: shopPage, result: absent });
    expect(shop.container.querySelector('[data-view=start-report]')).toBeNull();
    cleanup();
    fakeBrowser.runtime.onMessage.removeAllListeners();
    vi.restoreAllMocks();
    const { container, received, close } = await renderWith({ page: productPage, result: absent });
    const report = container.querySelector('[data-view=start-report] button') as HTMLButtonElement;
    // The same words as the panel's button (issue 11).
    expect(report.textContent).toBe('Báo hàng giả nghi vấn');
    await user(() => report.click());
    await waitFor(() => expect(close).toHaveBeenCalledOnce());
    expect(received).toContainEqual({ type: 'page:start-report', data: { tabId } });
  });

  it('says so when the background could not start the complaint', async () => {
    const received = stubBackground({ 'page:tab-state': () => ({ page: shopPage, result: absent }) });
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const { container } = await render(<PopupApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-view=start-complaint]')).not.toBeNull());
    const form = container.querySelector<HTMLFormElement>('[data-view=start-complaint]')!;
    await user(() => setValue(form.querySelector('input')!, 'X1'));
    await user(() => form.requestSubmit());
    await waitFor(() =>
      expect(form.querySelector('[role=alert]')?.textContent).toBe(
        'Không mở được trang khiếu nại. Vui lòng thử lại.',
      ),
    );
    expect(received.map((m) => m.type)).toContain('page:start-complaint');
    expect(close).not.toHaveBeenCalled();
  });

  it('always links to my cases with the number of unseen updates', async () => {
    const draft = await complaintDraft(db);
    Object.assign(draft.complaint!, { category: 'scam', desiredOutcome: 'refund', description: 'Lừa đảo.' });
    await db.drafts.put(draft);
    const valid = validateComplaintDraft(draft, 'vi', 'install-key-for-tests-0001');
    if (!valid.ok) throw new Error('fixture invalid');
    await submitDraft(db, draft.id, valid.request);
    await db.cases.update(draft.id, { unseen: true });
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const { container, close } = await renderWith({ page: null, result: null });
    const link = [...container.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Khiếu nại của tôi'),
    )!;
    await waitFor(() => expect(link.textContent).toBe('Khiếu nại của tôi (1 cập nhật mới)'));
    await user(() => link.click());
    await waitFor(() => expect(close).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith({ url: `${fakeBrowser.runtime.getURL('/complaint.html')}#cases` });
  });
});
