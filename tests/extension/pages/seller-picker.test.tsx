// The complaint form for an order page that named its shop only as text (issue 12): the shopper
// completes the seller by pasting the shop's link (read by the marketplace's own URL grammar) or
// by picking a seller this tab showed; a total in another currency is shown as printed, the đồng
// fields left to the shopper. The real background writes the draft.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fieldId } from '../../../components/cases/labels';
import { ComplaintApp } from '../../../entrypoints/complaint/App';
import { createComplaintDraft } from '../../../lib/cases/drafts';
import type { Draft } from '../../../lib/cases/model';
import { getDraft } from '../../../lib/cases/reader';
import type { AntamDb } from '../../../lib/store/db';
import { freshDb, readerFor } from './cases-helpers';
import {
  type ConnectedBackground,
  cleanup,
  connectBackground,
  render,
  setValue,
  user,
  waitFor,
} from './helpers';

const STORE = 'tiktok:7495794203056835079';

let db: AntamDb;
let bg: ConnectedBackground;
let draft: Draft;

beforeEach(async () => {
  fakeBrowser.reset();
  db = freshDb();
  bg = connectBackground(db);
  draft = await createComplaintDraft(db, {
    platform: 'tiktok',
    pageUrl: 'https://www.tiktok.com/shop/order_detail?main_order_id=577312748349657317',
    seller: { key: '', name: 'Goli Nutrition' },
    sellerChoices: [
      { key: 'tiktok:1234567890123456789', name: 'Other Store' },
      { key: STORE, name: 'Goli Nutrition VN' },
    ],
    order: {
      orderCode: '577312748349657317',
      orderDate: '2026-03-17',
      items: [{ title: 'Goli Gummies', productId: null, variant: null, quantity: 2, unitPrice: null }],
      total: null,
      status: 'Order completed',
      pageCurrency: 'USD',
      pageTotal: '$28.06',
    },
  });
  window.location.hash = `#draft=${draft.id}`;
});

afterEach(async () => {
  cleanup();
  void bg;
  db.close();
  await db.delete();
});

const byId = <T extends HTMLElement>(container: HTMLElement, path: string) =>
  container.querySelector<T>(`#${fieldId(path)}`);

function button(container: HTMLElement, text: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

async function openForm() {
  const rendered = await render(<ComplaintApp reader={readerFor(db)} autosaveDelayMs={0} />);
  await waitFor(() => expect(rendered.container.querySelector('[data-view=complaint-form]')).not.toBeNull());
  return rendered.container;
}

describe('completing the seller of a complaint', () => {
  it('says what is missing, shows the shop name from the page, the sellers seen, and the total as printed', async () => {
    const container = await openForm();
    const picker = container.querySelector('[data-view=seller-picker]');
    expect(picker?.textContent).toContain('không cho biết mã người bán');
    expect(picker?.textContent).toContain('tên cửa hàng trên trang: Goli Nutrition');
    expect([...(picker?.querySelectorAll('li button') ?? [])].map((b) => b.textContent)).toEqual([
      'Chọn Other Store',
      'Chọn Goli Nutrition VN',
    ]);
    expect(container.querySelector('label[for="f-seller"]')?.textContent).toContain(
      'Liên kết trang cửa hàng trên TikTok Shop',
    );
    const currency = container.querySelector('[data-view=page-currency]')?.textContent ?? '';
    expect(currency).toContain('USD');
    expect(currency).toContain('$28.06');
    expect(byId<HTMLInputElement>(container, 'order.total')?.value).toBe('');
  });

  it('refuses links that are not this marketplace’s shop pages, with the reason', async () => {
    const container = await openForm();
    const link = byId<HTMLInputElement>(container, 'seller')!;
    const tries: [string, string][] = [
      ['không phải link', 'Đây không phải một liên kết'],
      ['https://shopee.vn/shop/88201679', 'không thuộc TikTok Shop'],
      ['https://www.tiktok.com.evil.example/shop/store/goli/7495794203056835079', 'không thuộc TikTok Shop'],
      ['https://www.tiktok.com/@goli.nutrition', 'không phải trang cửa hàng'],
    ];
    for (const [text, reason] of tries) {
      await user(() => setValue(link, text));
      await user(() => button(container, 'Dùng liên kết này').click());
      await waitFor(() =>
        expect(container.querySelector('[data-field=seller] .field-error')?.textContent).toContain(reason),
      );
      expect(link.getAttribute('aria-invalid')).toBe('true');
    }
    expect((await getDraft(db, draft.id))?.complaint?.seller.key).toBe('');
  });

  it('takes the seller id from a pasted shop link, keeps the page’s shop name, and can undo it', async () => {
    const container = await openForm();
    await user(() =>
      setValue(
        byId<HTMLInputElement>(container, 'seller')!,
        'www.tiktok.com/shop/store/goli-nutrition/7495794203056835079?source=pdp',
      ),
    );
    await user(() => button(container, 'Dùng liên kết này').click());
    await waitFor(() => expect(container.querySelector('[data-view=seller-picker]')).toBeNull());
    expect(container.querySelector('.facts')?.textContent).toContain('Goli Nutrition trên TikTok Shop');
    expect(container.querySelector('.seller-picked [role=status]')?.textContent).toContain(
      'Đã chọn người bán',
    );
    expect(document.activeElement?.textContent).toBe('Đổi người bán');
    await waitFor(async () =>
      expect((await getDraft(db, draft.id))?.complaint?.seller).toEqual({
        key: STORE,
        name: 'Goli Nutrition',
      }),
    );

    await user(() => button(container, 'Đổi người bán').click());
    await waitFor(() => expect(container.querySelector('[data-view=seller-picker]')).not.toBeNull());
    await user(() => button(container, 'Chọn Other Store').click());
    await waitFor(async () =>
      expect((await getDraft(db, draft.id))?.complaint?.seller).toEqual({
        key: 'tiktok:1234567890123456789',
        name: 'Other Store',
      }),
    );
  });

  it('will not review a complaint whose seller is still missing, and says how to complete it', async () => {
    const container = await openForm();
    const submit = container.querySelector<HTMLButtonElement>('form.case-form button[type=submit]')!;
    await user(() => submit.click());
    await waitFor(() =>
      expect(container.querySelector('[data-field=seller] .field-error')?.textContent).toBe(
        'Cần biết người bán: hãy dán liên kết trang cửa hàng hoặc chọn một người bán.',
      ),
    );
    expect(container.querySelector('[data-view=review]')).toBeNull();
  });
});
