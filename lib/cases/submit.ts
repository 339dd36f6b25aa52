/**
 * Submission: a draft becomes a case, in one Dexie transaction, before anything goes to the
 * network. The case keeps the exact request and a new idempotency key; the outbox gets one entry
 * to submit it and one per evidence file. From here on the background delivers (lib/background/
 * outbox.ts): offline, registry down or browser closed, the entries wait and are sent later,
 * and the idempotency key makes a repeated submission the same complaint on the registry.
 */
import type { SubmitComplaintRequest, SubmitReportRequest } from '../registry/cases';
import type { AntamDb } from '../store/db';
import type { LocalCase, OutboxEntry } from './model';
import { earlierReportOf } from './problems';

export class SubmitError extends Error {
  override readonly name = 'SubmitError';
  constructor(
    message: string,
    /** Set when the pages have words for it (the shopper already reported this listing). */
    readonly problem: 'duplicate_report' | null = null,
  ) {
    super(message);
  }
}

export async function submitDraft(
  db: AntamDb,
  draftId: string,
  request: SubmitComplaintRequest | SubmitReportRequest,
): Promise<LocalCase> {
  return db.transaction('rw', [db.drafts, db.evidence, db.cases, db.outbox], async () => {
    // A second click (or a second tab) on a draft already submitted gets the same case back.
    const existing = await db.cases.get(draftId);
    if (existing) return existing;
    const draft = await db.drafts.get(draftId);
    if (!draft) throw new SubmitError(`draft ${draftId} does not exist`);
    const isComplaint = draft.kind === 'complaint';
    if (isComplaint !== 'order' in request) {
      throw new SubmitError(`a ${draft.kind} draft cannot be submitted as the other kind of request`);
    }
    if ('listing' in request) {
      // One report per listing per install (the registry refuses a second): never queue one.
      const earlier = earlierReportOf(await db.cases.toArray(), request.listing.url);
      if (earlier)
        throw new SubmitError(`listing already reported as case ${earlier.id}`, 'duplicate_report');
    }
    const now = Date.now();
    const subject =
      'order' in request ? request.order.orderCode : 'listing' in request ? request.listing.title : '';
    const sellerName = (isComplaint ? draft.complaint?.seller.name : draft.report?.seller.name) ?? null;
    const localCase: LocalCase = {
      id: draft.id,
      kind: draft.kind,
      platform: draft.platform,
      sellerKey: request.seller,
      sellerName,
      subject,
      createdAt: now,
      request,
      idempotencyKey: crypto.randomUUID(),
      delivery: 'queued',
      deliveryError: null,
      trackingCode: null,
      token: null,
      view: null,
      status: isComplaint ? 'submitted' : 'received',
      unseen: false,
      lastPolledAt: null,
      updatedAt: now,
    };
    await db.cases.add(localCase);

    const base = { caseId: draft.id, attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now };
    // The submit entry first: evidence needs the tracking code and token it brings back.
    const submit: OutboxEntry = { ...base, op: 'submit', idempotencyKey: localCase.idempotencyKey };
    await db.outbox.add(submit);
    const files = await db.evidence.where('owner').equals(draft.id).toArray();
    files.sort((a, b) => a.capturedAt - b.capturedAt || a.id.localeCompare(b.id));
    for (const file of files) {
      const upload: OutboxEntry = {
        ...base,
        op: 'evidence',
        evidenceId: file.id,
        idempotencyKey: crypto.randomUUID(),
      };
      await db.outbox.add(upload);
    }
    // The evidence stays, owned by the case (same id); only the editable draft goes.
    await db.drafts.delete(draft.id);
    return localCase;
  });
}
