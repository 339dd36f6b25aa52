import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fieldId } from '../../../components/cases/labels';
import { ComplaintApp } from '../../../entrypoints/complaint/App';
import { getInstallKey } from '../../../lib/cases/install-key';
import type { Draft } from '../../../lib/cases/model';
import { submitDraft } from '../../../lib/cases/submit';
import { validateComplaintDraft } from '../../../lib/cases/validate';
import type { AntamDb } from '../../../lib/store/db';
import { complaintDraft, freshDb, readerFor, reportDraft, SELLER } from './cases-helpers';
import {
  type ConnectedBackground,
  cleanup,
  connectBackground,
  render,
  setValue,
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
  draft = await reportDraft(db);
  window.location.hash = `#draft=${draft.id}`;
});

afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

/** A complaint the shopper already sent about the same seller, for the order picker. */
async function earlierComplaint() {
  const c = await complaintDraft(db);
  Object.assign(c.complaint!, { category: 'counterfeit', desiredOutcome: 'refund', description: 'Giả.' });
  await db.drafts.put(c);
  const valid = validateComplaintDraft(c, 'vi', 'install-key-for-tests-0001');
  if (!valid.ok) throw new Error('fixture invalid');
  await submitDraft(db, c.id, valid.request);
}

const byId = <T extends HTMLElement>(container: HTMLElement, path: string) =>
  container.querySelector<T>(`#${fieldId(path)}`);

describe('counterfeit report form', () => {
  it('is prefilled from the listing, keeps the URL fixed, and offers my orders with that seller', async () => {
    await earlierComplaint();
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-view=report-form]')).not.toBeNull());
    const url = byId<HTMLInputElement>(container, 'listing.url')!;
    expect(url.value).toBe('https://shopee.vn/product/672907573/22851234567');
    expect(url.readOnly).toBe(true);
    expect(byId<HTMLInputElement>(container, 'listing.title')?.value).toBe('Nước hoa Chanel No.5 100ml');
    expect(byId<HTMLInputElement>(container, 'listing.price')?.value).toBe('350.000 ₫');
    expect(container.textContent).toContain('Nobi Star trên Shopee');
    await waitFor(() => expect(container.querySelector('option[value="240601ABCDEF12"]')).not.toBeNull());
  });

  it('requires a reason, then reviews and submits exactly the report with the install key', async () => {
    await earlierComplaint();
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('option[value="240601ABCDEF12"]')).not.toBeNull());
    const review = [...container.querySelectorAll('button')].find(
      (b) => b.textContent === 'Xem lại trước khi gửi',
    )!;
    await user(() => review.click());
    await waitFor(() =>
      expect(container.textContent).toContain('Hãy cho biết vì sao bạn nghi đây là hàng giả.'),
    );
    expect(document.activeElement).toBe(byId(container, 'reason'));

    await user(() => {
      const reason = byId<HTMLTextAreaElement>(container, 'reason')!;
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(
        reason,
        'Giá quá rẻ, hộp sai màu.',
      );
      reason.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const picker = container.querySelector<HTMLSelectElement>('option[value="240601ABCDEF12"]')!
      .parentElement as HTMLSelectElement;
    await user(() => setValue(picker, '240601ABCDEF12'));
    expect(byId<HTMLInputElement>(container, 'orderCode')?.value).toBe('240601ABCDEF12');
    await user(() => review.click());
    await waitFor(() => expect(container.querySelector('[data-view=review]')).not.toBeNull());
    const expected = {
      seller: SELLER.key,
      listing: {
        url: 'https://shopee.vn/product/672907573/22851234567',
        title: 'Nước hoa Chanel No.5 100ml',
        price: 350000,
        currency: 'VND',
      },
      reason: 'Giá quá rẻ, hộp sai màu.',
      orderCode: '240601ABCDEF12',
      installKey: await getInstallKey(db),
    };
    expect(JSON.parse(container.querySelector('[data-review=json]')!.textContent!)).toEqual(expected);

    await user(() => [...container.querySelectorAll('button')].find((b) => b.textContent === 'Gửi')!.click());
    await waitFor(() => expect(window.location.hash).toBe(`#case=${draft.id}`));
    const stored = await db.cases.get(draft.id);
    expect(stored).toMatchObject({
      kind: 'report',
      status: 'received',
      delivery: 'queued',
      request: expected,
    });
    // Stored by the background before it answered, and handed to its outbox delivery at once.
    expect(bg.received.filter((m) => m.type === 'page:submit-case')).toHaveLength(1);
    expect(bg.outboxChanges).toBe(1);
    await waitFor(() =>
      expect(container.querySelector('[data-status]')?.textContent).toBe(
        'Đang chờ gửi (nếu đang mất mạng, An Tâm sẽ tự gửi lại sau)',
      ),
    );
  });
});
