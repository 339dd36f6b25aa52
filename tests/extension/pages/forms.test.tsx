/**
 * Issue 11, as the shopper sees it: a listing already reported is known before anything is sent;
 * a registry refusal is one status in Vietnamese, never its English; required fields are marked
 * and explained; amounts read "328.000 ₫" and the order date day/month/year; My data is one click
 * from the popup and from options; the notification names the An Tâm registry.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fieldId } from '../../../components/cases/labels';
import { ComplaintApp } from '../../../entrypoints/complaint/App';
import { OptionsApp } from '../../../entrypoints/options/App';
import { PopupApp } from '../../../entrypoints/popup/App';
import { notificationText } from '../../../lib/background/notifications';
import { parseDayMonthYear, parseVnd, showDayMonthYear } from '../../../lib/cases/form-values';
import { getInstallKey } from '../../../lib/cases/install-key';
import type { Draft } from '../../../lib/cases/model';
import { SubmitError, submitDraft } from '../../../lib/cases/submit';
import { validateReportDraft } from '../../../lib/cases/validate';
import type { AntamDb } from '../../../lib/store/db';
import { complaintDraft, freshDb, readerFor, reportDraft } from './cases-helpers';
import {
  type ConnectedBackground,
  cleanup,
  connectBackground,
  render,
  setValue,
  stubBackground,
  user,
  waitFor,
} from './helpers';

let db: AntamDb;

beforeEach(() => {
  fakeBrowser.reset();
  db = freshDb();
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

const byId = <T extends HTMLElement>(container: HTMLElement, path: string) =>
  container.querySelector<T>(`#${fieldId(path)}`);

const button = (container: HTMLElement, text: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === text);

/** A report of the fixture listing, sent (queued) through the real submission. */
async function sentReport(): Promise<string> {
  const draft = await reportDraft(db);
  Object.assign(draft.report!, { reason: 'Giá rẻ bất thường.' });
  await db.drafts.put(draft);
  const request = validateReportDraft(draft, 'vi', await getInstallKey(db));
  if (!request.ok) throw new Error('fixture invalid');
  return (await submitDraft(db, draft.id, request.request)).id;
}

describe('a listing this install already reported', () => {
  let bg: ConnectedBackground;
  let second: Draft;

  beforeEach(async () => {
    bg = connectBackground(db);
  });

  it('is said in Vietnamese, with a link to the report, and nothing can be sent', async () => {
    const first = await sentReport();
    // The same listing with tracking parameters: still the same listing for the registry.
    second = await reportDraft(db);
    second.report!.listing.url = 'https://shopee.vn/product/672907573/22851234567/?sp_atk=abc#reviews';
    await db.drafts.put(second);
    window.location.hash = `#draft=${second.id}`;

    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.querySelector('[data-view=duplicate-report]')).not.toBeNull());
    const notice = container.querySelector('[role=alert]')!;
    expect(notice.textContent).toContain('Bạn đã báo cáo sản phẩm này ngày');
    expect(notice.textContent).toContain('báo cáo này sẽ không được gửi');
    const link = [...notice.querySelectorAll('a')].find((a) => a.textContent === 'Xem báo cáo đã gửi');
    expect(link?.getAttribute('href')).toBe(`#case=${first}`);
    // No way to review or send it: the form is not there.
    expect(button(container, 'Xem lại trước khi gửi')).toBeUndefined();
    expect(button(container, 'Gửi')).toBeUndefined();
    expect(bg.received.filter((m) => m.type === 'page:submit-case')).toHaveLength(0);

    await user(() => link!.click());
    await waitFor(() => expect(container.querySelector('[data-view=case]')).not.toBeNull());
    expect(container.querySelector('[data-case]')?.getAttribute('data-case')).toBe(first);
  });

  it('is refused by the background too, should a page ask anyway: one case, nothing queued', async () => {
    await sentReport();
    second = await reportDraft(db);
    Object.assign(second.report!, { reason: 'Lần nữa.' });
    await db.drafts.put(second);
    const request = validateReportDraft(second, 'vi', await getInstallKey(db));
    if (!request.ok) throw new Error('fixture invalid');
    const error = await submitDraft(db, second.id, request.request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmitError);
    expect((error as SubmitError).problem).toBe('duplicate_report');
    expect(await db.cases.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.drafts.get(second.id)).toBeDefined();
  });

  it('lets the shopper delete the pointless draft', async () => {
    await sentReport();
    second = await reportDraft(db);
    window.location.hash = `#draft=${second.id}`;
    const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
    await waitFor(() => expect(button(container, 'Xoá bản nháp này')).toBeDefined());
    await user(() => button(container, 'Xoá bản nháp này')!.click());
    await waitFor(() => expect(window.location.hash).toBe('#cases'));
    expect(await db.drafts.get(second.id)).toBeUndefined();
  });
});

describe('a case the registry refused', () => {
  beforeEach(() => {
    connectBackground(db);
  });

  /** As the outbox leaves it after a 409 on POST /v1/reports (another computer, same key). */
  async function refusedAsDuplicate(withCode: boolean): Promise<string> {
    const id = await sentReport();
    await db.outbox.clear();
    await db.cases.update(id, {
      delivery: 'rejected',
      deliveryError: 'HTTP 409: you already reported this listing: one report per reporter per listing',
      ...(withCode ? { deliveryProblem: 'duplicate_report' as const } : {}),
      unseen: true,
    });
    return id;
  }

  for (const withCode of [true, false]) {
    it(`shows one Vietnamese status and keeps the content (${withCode ? 'code stored' : 'older case: status only'})`, async () => {
      const id = await refusedAsDuplicate(withCode);
      window.location.hash = `#case=${id}`;
      const { container } = await render(<ComplaintApp reader={readerFor(db)} />);
      await waitFor(() => expect(container.querySelector('[data-view=case]')).not.toBeNull());
      const text = container.textContent ?? '';
      expect(container.querySelector('[data-status]')?.textContent).toBe(
        'Máy chủ An Tâm không nhận hồ sơ: bạn đã báo cáo sản phẩm này trước đó, có thể từ một máy khác. Mỗi người chỉ báo cáo một sản phẩm một lần.',
      );
      expect(text).not.toMatch(/HTTP|409|already reported|you /);
      // No second status: not "waiting", not "received", no timeline promised.
      expect(text).not.toContain('Đang chờ gửi');
      expect(text).not.toContain('Đã nhận, chờ kiểm duyệt');
      expect(text).not.toContain('Diễn biến');
      expect(container.querySelector('[data-tracking=none]')?.textContent).toContain('Không có');
      expect(container.querySelector('[data-view=kept-locally]')?.textContent).toContain(
        'không có gì bị mất',
      );
      expect(container.querySelector('[data-view=sent-content]')?.textContent).toContain(
        'Giá rẻ bất thường.',
      );

      window.location.hash = '#cases';
      await waitFor(() => expect(container.querySelector('[data-view=cases]')).not.toBeNull());
      const row = container.querySelector(`[data-case="${id}"]`)!;
      expect(row.textContent).toContain('bạn đã báo cáo sản phẩm này trước đó');
      expect(row.textContent).not.toMatch(/HTTP|already reported/);
    });
  }
});

describe('the complaint form fields', () => {
  let draft: Draft;
  beforeEach(async () => {
    connectBackground(db);
    draft = await complaintDraft(db);
    window.location.hash = `#draft=${draft.id}`;
  });

  async function form() {
    const rendered = await render(<ComplaintApp reader={readerFor(db)} autosaveDelayMs={10} />);
    await waitFor(() =>
      expect(rendered.container.querySelector('[data-view=complaint-form]')).not.toBeNull(),
    );
    return rendered.container;
  }

  it('marks the required fields with a star the legend explains, and tells assistive technology', async () => {
    const container = await form();
    expect(container.querySelector('[data-view=required-legend]')?.textContent).toBe(
      'Các mục có dấu * là bắt buộc.',
    );
    const labelOf = (path: string) => container.querySelector(`label[for="${fieldId(path)}"]`)!;
    for (const path of [
      'order.orderCode',
      'category',
      'desiredOutcome',
      'description',
      'order.items.0.title',
    ]) {
      expect(labelOf(path).textContent, path).toMatch(/ \*$/);
      const control = byId<HTMLInputElement>(container, path)!;
      expect(control.required, path).toBe(true);
      expect(control.getAttribute('aria-required'), path).toBe('true');
    }
    for (const path of ['order.orderDate', 'order.total', 'contact.email']) {
      expect(labelOf(path).textContent, path).not.toContain('*');
      expect(byId<HTMLInputElement>(container, path)!.required, path).toBe(false);
    }
  });

  it('shows amounts as đồng like the review does, and reads them back as numbers', async () => {
    const container = await form();
    const total = byId<HTMLInputElement>(container, 'order.total')!;
    expect(total.value).toBe('515.000 ₫');
    // Focus alone changes nothing (a Tab selects the value; typing must replace all of it).
    await user(() => total.focus());
    expect(total.value).toBe('515.000 ₫');
    await user(() => setValue(total, '328000'));
    expect(total.value).toBe('328000');
    await user(() => total.blur());
    expect(total.value).toBe('328.000 ₫');
    await waitFor(async () => expect((await db.drafts.get(draft.id))?.complaint?.order.total).toBe(328000));

    // Unreadable: kept as typed and refused with the amount message, never silently dropped.
    await user(() => total.focus());
    await user(() => setValue(total, '3,28tr'));
    await user(() => total.blur());
    expect(total.value).toBe('3,28tr');
    await user(() => button(container, 'Xem lại trước khi gửi')!.click());
    await waitFor(() => expect(container.querySelector('#form-errors')).not.toBeNull());
    expect(container.querySelector('#form-errors')?.textContent).toContain(
      'Số tiền phải là số nguyên đồng, không âm.',
    );
  });

  it('shows and reads the order date as day/month/year, and stores it as ISO', async () => {
    const container = await form();
    const date = byId<HTMLInputElement>(container, 'order.orderDate')!;
    expect(date.type).toBe('text');
    expect(date.value).toBe('01/06/2026');
    expect(container.textContent).toContain('Ghi theo ngày/tháng/năm, ví dụ 05/03/2026.');
    await user(() => date.focus());
    await user(() => setValue(date, '5/3/2026'));
    await user(() => date.blur());
    expect(date.value).toBe('05/03/2026');
    await waitFor(async () =>
      expect((await db.drafts.get(draft.id))?.complaint?.order.orderDate).toBe('2026-03-05'),
    );
    await user(() => date.focus());
    await user(() => setValue(date, '31/02/2026'));
    await user(() => button(container, 'Xem lại trước khi gửi')!.click());
    await waitFor(() =>
      expect(container.querySelector('#form-errors')?.textContent).toContain(
        'Hãy ghi theo ngày/tháng/năm, ví dụ 05/03/2026.',
      ),
    );
  });
});

describe('reading what the shopper typed', () => {
  it('reads đồng however they are grouped, and nothing else', () => {
    expect(parseVnd('328000')).toBe(328000);
    expect(parseVnd('328.000')).toBe(328000);
    expect(parseVnd('328,000 ₫')).toBe(328000);
    expect(parseVnd('1 250 000 đ')).toBe(1250000);
    expect(parseVnd('  ')).toBeNull();
    for (const bad of ['3,28tr', '1.5', '12.34.567', '-5', '1e6', '99999999999999999999']) {
      expect(parseVnd(bad), bad).toBeNaN();
    }
  });

  it('reads day/month/year, never month/day, and only real dates', () => {
    expect(parseDayMonthYear('05/03/2026')).toBe('2026-03-05');
    expect(parseDayMonthYear('5-3-2026')).toBe('2026-03-05');
    expect(parseDayMonthYear('29/02/2024')).toBe('2024-02-29');
    expect(parseDayMonthYear('')).toBeNull();
    expect(parseDayMonthYear('29/02/2026')).toBe('29/02/2026');
    expect(parseDayMonthYear('13/13/2026')).toBe('13/13/2026');
    expect(showDayMonthYear('2026-03-05')).toBe('05/03/2026');
  });
});

describe('My data, from the popup and from options', () => {
  it('is a button in the popup footer that opens the data page', async () => {
    const win = await fakeBrowser.windows.create({ focused: true });
    await fakeBrowser.tabs.create({ url: 'https://example.com/', active: true, windowId: win?.id });
    stubBackground({ 'page:tab-state': () => ({ page: null, result: null }) });
    vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const { container } = await render(<PopupApp reader={readerFor(db)} />);
    await waitFor(() => expect(container.textContent).not.toContain('Đang tải'));
    const footer = container.querySelector('.popup__footer')!;
    const myData = [...footer.querySelectorAll('button')].find((b) => b.textContent === 'Dữ liệu của tôi');
    expect(myData).toBeDefined();
    await user(() => myData!.click());
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0]?.[0]?.url).toBe(fakeBrowser.runtime.getURL('/complaint.html#data'));
  });

  it('is linked from options, with my complaints', async () => {
    const { container } = await render(<OptionsApp />);
    await waitFor(() => expect(container.querySelector('[data-view=my-data-links]')).not.toBeNull());
    const section = container.querySelector('[data-view=my-data-links]')!;
    expect(section.querySelector('h2')?.textContent).toBe('Khiếu nại và dữ liệu của tôi');
    const links = [...section.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    const page = fakeBrowser.runtime.getURL('/complaint.html');
    expect(links).toEqual([
      ['Khiếu nại của tôi (mở trong thẻ mới)', `${page}#cases`],
      ['Dữ liệu của tôi (tải về, xoá) (mở trong thẻ mới)', `${page}#data`],
    ]);
  });
});

describe('the refusal notification', () => {
  it('says the An Tâm registry refused the case, not an agency', () => {
    const c = { kind: 'report' as const, trackingCode: null, subject: 'Nước hoa' };
    const vi = notificationText(c, 'rejected', 'vi').message;
    expect(vi).toContain('không được máy chủ An Tâm nhận');
    expect(vi).not.toContain('cơ quan');
    expect(notificationText(c, 'rejected', 'en').message).toContain('the An Tâm registry');
  });
});
