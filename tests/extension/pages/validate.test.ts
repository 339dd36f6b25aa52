import { describe, expect, it } from 'vitest';
import type { Draft } from '../../../lib/cases/model';
import { isRecordOnly, validateComplaintDraft, validateReportDraft } from '../../../lib/cases/validate';
import { MAX_DESCRIPTION_LENGTH } from '../../../lib/registry/cases';

const INSTALL_KEY = '0f8c1e3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b';

function complaint(patch: Partial<NonNullable<Draft['complaint']>> = {}): Draft {
  return {
    id: 'd1',
    kind: 'complaint',
    platform: 'tiki',
    pageUrl: 'https://tiki.vn/sales/order/view/123',
    createdAt: 0,
    updatedAt: 0,
    complaint: {
      seller: { key: 'tiki:1', name: 'Shop Một' },
      order: {
        orderCode: '123',
        orderDate: '2026-05-30',
        items: [{ title: 'Áo thun', productId: null, variant: '', quantity: 1, unitPrice: 99000 }],
        total: 99000,
        status: 'Giao thành công',
      },
      category: 'wrong_item',
      desiredOutcome: 'exchange',
      description: 'Giao áo màu khác.',
      contact: { name: '', email: '', phone: '' },
      consent: { shareWithSeller: true, shareWithMarketplace: false, shareWithAuthorities: false },
      ...patch,
    },
  };
}

function report(patch: Partial<NonNullable<Draft['report']>> = {}): Draft {
  return {
    id: 'r1',
    kind: 'report',
    platform: 'lazada',
    pageUrl: null,
    createdAt: 0,
    updatedAt: 0,
    report: {
      seller: { key: 'lazada:@some-shop', name: null },
      listing: { url: 'https://www.lazada.vn/products/abc-i123.html', title: 'Son MAC', price: 120000 },
      reason: 'Giá rẻ bất thường',
      orderCode: '',
      ...patch,
    },
  };
}

const messages = (r: ReturnType<typeof validateComplaintDraft> | ReturnType<typeof validateReportDraft>) =>
  r.ok ? {} : Object.fromEntries(r.errors.map((e) => [e.field, e.message]));

describe('validateComplaintDraft', () => {
  it('turns the draft into the request: blanks become absent, the status and page stay home', () => {
    const result = validateComplaintDraft(complaint(), 'vi', 'install-key-for-tests-0001');
    expect(result).toEqual({
      ok: true,
      request: {
        seller: 'tiki:1',
        order: {
          orderCode: '123',
          orderDate: '2026-05-30',
          items: [{ title: 'Áo thun', productId: null, variant: null, quantity: 1, unitPrice: 99000 }],
          total: 99000,
          currency: 'VND',
        },
        category: 'wrong_item',
        desiredOutcome: 'exchange',
        description: 'Giao áo màu khác.',
        consent: { shareWithSeller: true, shareWithMarketplace: false, shareWithAuthorities: false },
        // The registry limits new complaints per install (issue 9).
        installKey: 'install-key-for-tests-0001',
      },
    });
    expect(result.ok && isRecordOnly(result.request)).toBe(false);
  });

  it('sends only the contact fields the shopper filled', () => {
    const result = validateComplaintDraft(
      complaint({ contact: { name: '', email: ' an@example.vn ', phone: '' } }),
      'vi',
      'install-key-for-tests-0001',
    );
    expect(result.ok && result.request.contact).toEqual({ email: 'an@example.vn' });
  });

  it('names every problem in Vietnamese, per field', () => {
    const draft = complaint({
      category: null,
      desiredOutcome: null,
      description: '   ',
      contact: { name: '', email: 'an@', phone: 'gọi tôi' },
    });
    draft.complaint!.order.orderCode = '';
    draft.complaint!.order.items = [
      { title: '', productId: null, variant: null, quantity: 0, unitPrice: 1.5 },
    ];
    expect(messages(validateComplaintDraft(draft, 'vi', 'install-key-for-tests-0001'))).toEqual({
      'order.orderCode': 'Hãy nhập mã đơn hàng.',
      'order.items.0.title': 'Sản phẩm 1: hãy nhập tên sản phẩm.',
      'order.items.0.quantity': 'Sản phẩm 1: số lượng phải là số nguyên từ 1 đến 10.000.',
      'order.items.0.unitPrice': 'Số tiền phải là số nguyên đồng, không âm.',
      category: 'Hãy chọn vấn đề bạn gặp phải.',
      desiredOutcome: 'Hãy chọn điều bạn mong muốn.',
      description: 'Hãy mô tả sự việc.',
      'contact.email': 'Email không hợp lệ, ví dụ đúng: ten@example.com',
      'contact.phone': 'Số điện thoại không hợp lệ: chỉ gồm chữ số, khoảng trắng và + . ( ) -',
    });
  });

  it('names them in English too, with limits formatted for the language', () => {
    const long = complaint({ description: 'a'.repeat(MAX_DESCRIPTION_LENGTH + 1) });
    expect(messages(validateComplaintDraft(long, 'en', 'install-key-for-tests-0001'))).toEqual({
      description: 'The description is longer than 10,000 characters.',
    });
    expect(messages(validateComplaintDraft(long, 'vi', 'install-key-for-tests-0001'))).toEqual({
      description: 'Mô tả dài quá 10.000 ký tự.',
    });
    const control = complaint({ description: 'xin chào\u0000' });
    expect(messages(validateComplaintDraft(control, 'en', 'install-key-for-tests-0001'))).toEqual({
      description: 'Contains control characters that are not allowed.',
    });
  });

  it('counts decomposed Vietnamese as the letters it shows', () => {
    // "ệ" typed as e + two combining marks: three code units, one letter after NFC.
    const decomposed = 'e\u0323\u0302'.repeat(MAX_DESCRIPTION_LENGTH);
    expect(
      validateComplaintDraft(complaint({ description: decomposed }), 'vi', 'install-key-for-tests-0001').ok,
    ).toBe(true);
  });

  it('flags a complaint the seller may not see as record-only', () => {
    const result = validateComplaintDraft(
      complaint({
        consent: { shareWithSeller: false, shareWithMarketplace: true, shareWithAuthorities: true },
      }),
      'vi',
      'install-key-for-tests-0001',
    );
    expect(result.ok && isRecordOnly(result.request)).toBe(true);
  });
});

describe('validateReportDraft', () => {
  it('builds the report with the install key, leaving out an empty order code', () => {
    expect(validateReportDraft(report(), 'vi', INSTALL_KEY)).toEqual({
      ok: true,
      request: {
        seller: 'lazada:@some-shop',
        listing: {
          url: 'https://www.lazada.vn/products/abc-i123.html',
          title: 'Son MAC',
          price: 120000,
          currency: 'VND',
        },
        reason: 'Giá rẻ bất thường',
        installKey: INSTALL_KEY,
      },
    });
    const tied = validateReportDraft(report({ orderCode: ' 4455 ' }), 'vi', INSTALL_KEY);
    expect(tied.ok && tied.request.orderCode).toBe('4455');
  });

  it('refuses a lookalike marketplace and an empty reason, in the shopper language', () => {
    const bad = report({
      listing: { url: 'https://lazada.vn.example.com/products/abc', title: 'Son MAC', price: null },
      reason: '',
    });
    expect(messages(validateReportDraft(bad, 'en', INSTALL_KEY))).toEqual({
      'listing.url': 'The address must be a product page on Shopee, Lazada, Tiki, TikTok Shop or Sendo.',
      reason: 'Say why you suspect a counterfeit.',
    });
  });

  it('refuses a draft of the other kind', () => {
    expect(validateReportDraft(complaint(), 'vi', INSTALL_KEY).ok).toBe(false);
    expect(validateComplaintDraft(report(), 'vi', 'install-key-for-tests-0001').ok).toBe(false);
  });
});
