import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fieldId } from '../../../components/cases/labels';
import { ComplaintApp } from '../../../entrypoints/complaint/App';
import { addEvidence } from '../../../lib/cases/evidence';
import { getInstallKey } from '../../../lib/cases/install-key';
import type { Draft } from '../../../lib/cases/model';
import { listEvidence } from '../../../lib/cases/reader';
import { SubmitComplaintRequest } from '../../../lib/registry/cases';
import type { AntamDb } from '../../../lib/store/db';
import { complaintDraft, freshDb, htmlBlob, pngFile, readerFor, SELLER } from './cases-helpers';
import {
  type ConnectedBackground,
  cleanup,
  connectBackground,
  render,
  setValue,
  storeSettings,
  user,
  waitFor,
} from './helpers';

let db: AntamDb;
let bg: ConnectedBackground;
let draft: Draft;

beforeEach(async () => {
  fakeBrowser.reset();
  db = freshDb();
  bg = connectBackground(db);
  draft = await complaintDraft(db);
  window.location.hash = `#draft=${draft.id}`;
});

afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

const byId = <T extends HTMLElement>(container: HTMLElement, path: string) =>
  container.querySelector<T>(`#${fieldId(path)}`);

async function openForm(autosaveDelayMs?: number) {
  const rendered = await render(<ComplaintApp reader={readerFor(db)} autosaveDelayMs={autosaveDelayMs} />);
  await waitFor(() => expect(rendered.container.querySelector('[data-view=complaint-form]')).not.toBeNull());
  return rendered;
}

function setText(element: HTMLTextAreaElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(element, value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

function click(container: HTMLElement, text: string): Promise<void> {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === text);
  if (!button) throw new Error(`no button "${text}"`);
  return user(() => button.click());
}

async function fillRequired(container: HTMLElement) {
  await user(() => setValue(byId<HTMLSelectElement>(container, 'category')!, 'counterfeit'));
  await user(() => setValue(byId<HTMLSelectElement>(container, 'desiredOutcome')!, 'refund'));
  await user(() =>
    setText(byId<HTMLTextAreaElement>(container, 'description')!, '  Tai nghe không có tem, âm thanh rè.  '),
  );
}

describe('complaint form', () => {
  it('opens prefilled from the order: seller, code, date, items, total, status', async () => {
    const { container } = await openForm();
    expect(container.textContent).toContain('Nobi Star trên Shopee');
    expect(byId<HTMLInputElement>(container, 'order.orderCode')?.value).toBe('240601ABCDEF12');
    expect(byId<HTMLInputElement>(container, 'order.orderDate')?.value).toBe('01/06/2026');
    expect(byId<HTMLInputElement>(container, 'order.total')?.value).toBe('515.000 ₫');
    expect(byId<HTMLInputElement>(container, 'order.items.0.title')?.value).toBe('Tai nghe Bluetooth X1');
    expect(byId<HTMLInputElement>(container, 'order.items.0.variant')?.value).toBe('Đen');
    expect(byId<HTMLInputElement>(container, 'order.items.0.quantity')?.value).toBe('2');
    expect(byId<HTMLInputElement>(container, 'order.items.0.unitPrice')?.value).toBe('250.000 ₫');
    expect(container.textContent).toContain('Trạng thái trên sàn: Đã giao');
    // Consent is asked per purpose and starts unticked.
    const consents = [
      'consent.shareWithSeller',
      'consent.shareWithMarketplace',
      'consent.shareWithAuthorities',
    ];
    for (const path of consents) expect(byId<HTMLInputElement>(container, path)?.checked).toBe(false);
    expect(document.title).toBe('An Tâm — Khiếu nại');
  });

  it('shows the captured page as evidence with its time and hash, and refuses a bad file by its bytes', async () => {
    await addEvidence(db, draft.id, htmlBlob(), {
      name: 'trang-don-hang.html',
      source: 'page_capture',
      capturedAt: Date.UTC(2026, 5, 2, 3, 4),
    });
    const { container } = await openForm();
    await waitFor(() => expect(container.textContent).toContain('trang-don-hang.html'));
    const [capture] = await listEvidence(db, draft.id);
    expect(container.textContent).toContain('Bản lưu trang');
    expect(container.textContent).toContain(`SHA-256 ${capture!.sha256.slice(0, 12)}`);

    const input = container.querySelector<HTMLInputElement>('input[type=file]')!;
    expect(input.accept).toBe('image/png,image/jpeg,image/webp,application/pdf');
    const fake = new File(['GIF89a not one of ours'], 'anh.jpg', { type: 'image/jpeg' });
    const markup = new File(['<script>alert(1)</script>'], 'anh2.jpg', { type: 'image/jpeg' });
    Object.defineProperty(input, 'files', {
      configurable: true,
      value: [pngFile('anh-that.png'), fake, markup, pngFile('ban-sao.png')],
    });
    await user(() => input.dispatchEvent(new Event('change', { bubbles: true })));
    await waitFor(() => expect(container.textContent).toContain('anh-that.png'));
    await waitFor(() =>
      expect(container.textContent).toContain('anh.jpg: chỉ nhận ảnh PNG, JPEG, WebP hoặc tệp PDF'),
    );
    expect(container.textContent).toContain('anh2.jpg: chỉ nhận ảnh PNG');
    expect(container.textContent).toContain('ban-sao.png: tệp này đã có trong danh sách.');
    expect((await listEvidence(db, draft.id)).map((e) => e.name).sort()).toEqual([
      'anh-that.png',
      'trang-don-hang.html',
    ]);
  });

  it('says what to fix in Vietnamese, links each message to its field and focuses the first', async () => {
    const { container } = await openForm();
    await user(() => setValue(byId<HTMLInputElement>(container, 'contact.email')!, 'not-an-email'));
    await click(container, 'Xem lại trước khi gửi');
    await waitFor(() => expect(container.querySelector('#form-errors')).not.toBeNull());
    const category = byId<HTMLSelectElement>(container, 'category')!;
    expect(document.activeElement).toBe(category);
    expect(category.getAttribute('aria-invalid')).toBe('true');
    const describedBy = category.getAttribute('aria-describedby')!;
    expect(container.querySelector(`#${describedBy}`)?.textContent).toBe('Hãy chọn vấn đề bạn gặp phải.');
    expect(container.textContent).toContain('Hãy chọn điều bạn mong muốn.');
    expect(container.textContent).toContain('Hãy mô tả sự việc.');
    expect(container.textContent).toContain('Email không hợp lệ');
    expect(container.textContent).toContain('Cần sửa 4 mục trước khi gửi');
    // Fixed fields lose their message at once.
    await user(() => setValue(category, 'scam'));
    expect(container.textContent).not.toContain('Hãy chọn vấn đề bạn gặp phải.');
    expect(container.querySelector('[data-view=review]')).toBeNull();
  });

  it('says it in English when the settings say English', async () => {
    await storeSettings({ language: 'en' });
    const { container } = await openForm();
    await click(container, 'Review before sending');
    await waitFor(() => expect(container.textContent).toContain('Choose what went wrong.'));
    expect(container.textContent).toContain('Describe what happened.');
    expect(container.textContent).toContain('Nobi Star on Shopee');
  });

  it('autosaves every change and restores it all after the page is reopened', async () => {
    const first = await openForm();
    await fillRequired(first.container);
    await user(() => setValue(byId<HTMLInputElement>(first.container, 'order.total')!, '500000'));
    await user(() => setValue(byId<HTMLInputElement>(first.container, 'contact.phone')!, '0901 234 567'));
    await user(() => byId<HTMLInputElement>(first.container, 'consent.shareWithSeller')!.click());
    await waitFor(() =>
      expect(first.container.querySelector('[data-autosave=saved]')?.textContent).toBe('Đã lưu bản nháp'),
    );
    first.unmount();

    const again = await openForm();
    const c = again.container;
    expect(byId<HTMLSelectElement>(c, 'category')?.value).toBe('counterfeit');
    expect(byId<HTMLSelectElement>(c, 'desiredOutcome')?.value).toBe('refund');
    expect(byId<HTMLTextAreaElement>(c, 'description')?.value).toBe(
      '  Tai nghe không có tem, âm thanh rè.  ',
    );
    expect(byId<HTMLInputElement>(c, 'order.total')?.value).toBe('500.000 ₫');
    expect(byId<HTMLInputElement>(c, 'contact.phone')?.value).toBe('0901 234 567');
    expect(byId<HTMLInputElement>(c, 'consent.shareWithSeller')?.checked).toBe(true);
  });

  it('saves at once when the page is hidden, without waiting for the debounce', async () => {
    // An hour of debounce: only the pagehide handler can have saved it.
    const { container } = await openForm(3_600_000);
    await user(() => setValue(byId<HTMLInputElement>(container, 'order.orderCode')!, 'MOI-123'));
    expect(container.querySelector('[data-autosave]')?.getAttribute('data-autosave')).toBe('saving');
    expect((await db.drafts.get(draft.id))?.complaint?.order.orderCode).toBe('240601ABCDEF12');
    await user(() => window.dispatchEvent(new Event('pagehide')));
    await waitFor(async () =>
      expect((await db.drafts.get(draft.id))?.complaint?.order.orderCode).toBe('MOI-123'),
    );
    await waitFor(() => expect(container.querySelector('[data-autosave=saved]')).not.toBeNull());
  });

  it('reviews exactly the request that will be sent, warns when nothing goes to the seller, and submits it', async () => {
    await addEvidence(db, draft.id, htmlBlob(), { name: 'trang-don-hang.html', source: 'page_capture' });
    const { container } = await openForm();
    await fillRequired(container);
    await click(container, 'Xem lại trước khi gửi');
    await waitFor(() => expect(container.querySelector('[data-view=review]')).not.toBeNull());

    const shown = JSON.parse(container.querySelector('[data-review=json]')!.textContent!);
    const expected = SubmitComplaintRequest.parse({
      seller: SELLER.key,
      order: {
        orderCode: '240601ABCDEF12',
        orderDate: '2026-06-01',
        items: [
          {
            title: 'Tai nghe Bluetooth X1',
            productId: '22851234567',
            variant: 'Đen',
            quantity: 2,
            unitPrice: 250000,
          },
        ],
        total: 515000,
        currency: 'VND',
      },
      category: 'counterfeit',
      desiredOutcome: 'refund',
      description: 'Tai nghe không có tem, âm thanh rè.',
      consent: { shareWithSeller: false, shareWithMarketplace: false, shareWithAuthorities: false },
      // The install's own key, as the background keeps it: new complaints are limited per install.
      installKey: await getInstallKey(db),
    });
    expect(shown).toEqual(expected);
    const review = container.querySelector('[data-view=review]')!;
    expect(review.textContent).toContain('Hàng giả, hàng nhái');
    expect(review.textContent).toContain('Tai nghe Bluetooth X1 (Đen) × 2');
    expect(review.querySelector('[data-warning=record-only]')?.textContent).toContain(
      'KHÔNG được chuyển cho người bán',
    );
    expect(review.querySelector('[data-review=evidence]')?.textContent).toContain('trang-don-hang.html');
    expect(review.querySelector('.review__not-sent')?.textContent).toContain(
      'Trạng thái đơn trên sàn: Đã giao',
    );

    await click(container, 'Gửi');
    await waitFor(() => expect(window.location.hash).toBe(`#case=${draft.id}`));
    const stored = await db.cases.get(draft.id);
    expect(stored?.request).toEqual(expected);
    expect(stored?.delivery).toBe('queued');
    const outbox = await db.outbox.where('caseId').equals(draft.id).toArray();
    expect(outbox.map((e) => e.op)).toEqual(['submit', 'evidence']);
    expect(await db.drafts.get(draft.id)).toBeUndefined();
    // Stored by the background before it answered, and handed to its outbox delivery at once.
    expect(bg.received.filter((m) => m.type === 'page:submit-case')).toHaveLength(1);
    expect(bg.outboxChanges).toBe(1);
    await waitFor(() => expect(container.querySelector('[data-view=case]')).not.toBeNull());
    expect(container.querySelector('[data-tracking=pending]')?.textContent).toContain('Chưa có');
    expect(container.querySelector('[data-delivery=queued]')?.textContent).toContain('Đang chờ gửi');

    // Back to the draft's address (the back button): the draft is now the case.
    await user(() => {
      window.location.hash = `#draft=${draft.id}`;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(container.textContent).toContain('Bản nháp này đã được gửi thành hồ sơ.'));
    expect(await db.drafts.get(draft.id)).toBeUndefined();
  });

  it('goes back to the form from the review with everything kept', async () => {
    const { container } = await openForm();
    await fillRequired(container);
    await user(() => byId<HTMLInputElement>(container, 'consent.shareWithSeller')!.click());
    await click(container, 'Xem lại trước khi gửi');
    await waitFor(() => expect(container.querySelector('[data-view=review]')).not.toBeNull());
    expect(container.querySelector('[data-warning=record-only]')).toBeNull();
    await click(container, 'Sửa lại');
    expect(byId<HTMLSelectElement>(container, 'category')?.value).toBe('counterfeit');
  });
});
