/**
 * Fixtures for the complaint page tests: a fresh IndexedDB database per test (fake-indexeddb),
 * drafts made with the real lib/cases functions (as the background makes them), the pages' own
 * read-only handle on it, and evidence files with real signatures.
 */
import { createComplaintDraft, createReportDraft } from '../../../lib/cases/drafts';
import type { Draft } from '../../../lib/cases/model';
import { CaseReader } from '../../../lib/cases/reader';
import { AntamDb } from '../../../lib/store/db';
import { onCleanup } from './helpers';

let counter = 0;

export function freshDb(): AntamDb {
  counter += 1;
  return new AntamDb(`antam-pages-test-${counter}-${crypto.randomUUID()}`);
}

/** What a page holds: a read-only handle on the same database, closed at cleanup. */
export function readerFor(db: AntamDb): CaseReader {
  const reader = new CaseReader(db.name);
  onCleanup(() => reader.close());
  return reader;
}

export const SELLER = { key: 'shopee:672907573', name: 'Nobi Star' };

/** A Shopee order as the content script would have read it. */
export function complaintDraft(db: AntamDb): Promise<Draft> {
  return createComplaintDraft(db, {
    platform: 'shopee',
    pageUrl: 'https://shopee.vn/user/purchase/order/123456789',
    seller: SELLER,
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
      status: 'Đã giao',
    },
  });
}

export function reportDraft(db: AntamDb): Promise<Draft> {
  return createReportDraft(db, {
    platform: 'shopee',
    pageUrl: 'https://shopee.vn/product/672907573/22851234567',
    seller: SELLER,
    listing: {
      url: 'https://shopee.vn/product/672907573/22851234567',
      title: 'Nước hoa Chanel No.5 100ml',
      price: 350000,
    },
  });
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bytes that sniff as PNG; `seed` makes each file's hash differ. */
export function pngFile(name: string, seed = 1): File {
  return new File([new Uint8Array([...PNG_SIGNATURE, 0, 0, 0, 13, seed])], name, { type: 'image/png' });
}

export function htmlBlob(): Blob {
  return new Blob(['<!doctype html><html><body><div class="order">Đơn 240601ABCDEF12</div></body></html>'], {
    type: 'text/html',
  });
}
