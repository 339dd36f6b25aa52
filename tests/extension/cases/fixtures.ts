// Shared by the case suites: requests that pass the registry's own schemas, files that are what
// they claim to be, and drafts made the way the background makes them.
import { createComplaintDraft, createReportDraft } from '../../../lib/cases/drafts';
import type { Draft } from '../../../lib/cases/model';
import type { SubmitComplaintRequest, SubmitReportRequest } from '../../../lib/registry/cases';
import type { AntamDb } from '../../../lib/store/db';

export const SELLER = 'shopee:672907573'; // in the demo data

/** A real 1×1 PNG. */
export const PNG_BYTES = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

export function png(variant = 0): Blob {
  // Bytes after IEND change the hash, not the type: distinct files for count and duplicate tests.
  const bytes = new Uint8Array(PNG_BYTES.length + 1);
  bytes.set(PNG_BYTES);
  bytes[PNG_BYTES.length] = variant;
  return new Blob([bytes]);
}

export function html(text = 'đơn hàng'): Blob {
  return new Blob([`<!doctype html><html><body><p>${text}</p></body></html>`]);
}

export async function complaintDraft(db: AntamDb, orderCode = '240101ABCDEF'): Promise<Draft> {
  return createComplaintDraft(db, {
    platform: 'shopee',
    pageUrl: 'https://shopee.vn/user/purchase/order/1',
    seller: { key: SELLER, name: 'nobistar.sg' },
    order: {
      orderCode,
      orderDate: '2026-11-01',
      items: [{ title: 'Áo thun', productId: '1', variant: 'L', quantity: 1, unitPrice: 150000 }],
      total: 150000,
      status: 'Đã giao',
    },
  });
}

export function complaintRequest(orderCode = '240101ABCDEF'): SubmitComplaintRequest {
  return {
    seller: SELLER,
    order: {
      orderCode,
      orderDate: '2026-11-01',
      items: [{ title: 'Áo thun', productId: '1', variant: 'L', quantity: 1, unitPrice: 150000 }],
      total: 150000,
      currency: 'VND',
    },
    category: 'not_as_described',
    desiredOutcome: 'refund',
    description: 'Áo giao sai màu, người bán không trả lời tin nhắn.',
    consent: { shareWithSeller: true, shareWithMarketplace: true, shareWithAuthorities: false },
    installKey: 'install-key-for-tests-0001',
  };
}

export async function reportDraft(db: AntamDb): Promise<Draft> {
  return createReportDraft(db, {
    platform: 'shopee',
    pageUrl: 'https://shopee.vn/product/672907573/99',
    seller: { key: SELLER, name: 'nobistar.sg' },
    listing: { url: 'https://shopee.vn/product/672907573/99', title: 'Nước hoa Chanel', price: 99000 },
  });
}

export function reportRequest(installKey: string): SubmitReportRequest {
  return {
    seller: SELLER,
    listing: {
      url: 'https://shopee.vn/product/672907573/99',
      title: 'Nước hoa Chanel',
      price: 99000,
      currency: 'VND',
    },
    reason: 'Giá rẻ bất thường, bao bì sai chính tả.',
    installKey,
  };
}
