/**
 * Drafts: a complaint or report the shopper is still writing. Created by the background (from an
 * order page, the popup or a listing's panel) with what the page showed, then edited and
 * autosaved by the complaint page. A draft never leaves the browser; submitting it
 * (lib/cases/submit.ts) turns it into a case with the same id.
 */
import type { Platform } from '../registry/seller-key';
import type { AntamDb } from '../store/db';
import type { ComplaintDraftFields, Draft, DraftSeller, ReportDraftFields } from './model';

export interface ComplaintDraftInit {
  platform: Platform;
  pageUrl: string | null;
  seller: DraftSeller;
  sellerChoices?: DraftSeller[];
  order?: Partial<ComplaintDraftFields['order']>;
}

export interface ReportDraftInit {
  platform: Platform;
  pageUrl: string | null;
  seller: DraftSeller;
  listing: ReportDraftFields['listing'];
}

function newId(): string {
  return crypto.randomUUID();
}

export async function createComplaintDraft(db: AntamDb, init: ComplaintDraftInit): Promise<Draft> {
  const now = Date.now();
  const order = init.order ?? {};
  const draft: Draft = {
    id: newId(),
    kind: 'complaint',
    platform: init.platform,
    pageUrl: init.pageUrl,
    createdAt: now,
    updatedAt: now,
    complaint: {
      seller: { ...init.seller },
      ...(init.sellerChoices ? { sellerChoices: init.sellerChoices.map((s) => ({ ...s })) } : {}),
      order: {
        orderCode: order.orderCode ?? '',
        orderDate: order.orderDate ?? null,
        items: (order.items ?? []).map((item) => ({ ...item })),
        total: order.total ?? null,
        status: order.status ?? null,
        ...(order.pageCurrency
          ? { pageCurrency: order.pageCurrency, pageTotal: order.pageTotal ?? null }
          : {}),
      },
      category: null,
      desiredOutcome: null,
      description: '',
      contact: { name: '', email: '', phone: '' },
      // Nothing is shared until the shopper says so, purpose by purpose (Decree 13/2023).
      consent: { shareWithSeller: false, shareWithMarketplace: false, shareWithAuthorities: false },
    },
  };
  await db.drafts.add(draft);
  return draft;
}

export async function createReportDraft(db: AntamDb, init: ReportDraftInit): Promise<Draft> {
  const now = Date.now();
  const draft: Draft = {
    id: newId(),
    kind: 'report',
    platform: init.platform,
    pageUrl: init.pageUrl,
    createdAt: now,
    updatedAt: now,
    report: { seller: { ...init.seller }, listing: { ...init.listing }, reason: '', orderCode: '' },
  };
  await db.drafts.add(draft);
  return draft;
}

/**
 * Autosave. Refuses a draft that no longer exists (submitted or deleted in another tab
 * meanwhile): writing it back would resurrect a draft whose case is already on its way.
 */
export async function saveDraft(db: AntamDb, draft: Draft): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    const stored = await db.drafts.get(draft.id);
    if (!stored) throw new DraftGoneError(draft.id);
    await db.drafts.put({ ...draft, createdAt: stored.createdAt, updatedAt: Date.now() });
  });
}

/** The draft and every file attached to it. */
export async function deleteDraft(db: AntamDb, id: string): Promise<void> {
  await db.transaction('rw', db.drafts, db.evidence, async () => {
    await db.drafts.delete(id);
    await db.evidence.where('owner').equals(id).delete();
  });
}

export class DraftGoneError extends Error {
  override readonly name = 'DraftGoneError';
  constructor(readonly draftId: string) {
    super(`draft ${draftId} no longer exists (submitted or deleted)`);
  }
}
