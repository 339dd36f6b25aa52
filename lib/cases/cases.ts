/**
 * The background's writes to the shopper's cases on a page's behalf: the shopper's own actions
 * (queued through the outbox like the submission itself) and the "unseen" marks behind the
 * toolbar count. Reads: lib/cases/reader.ts.
 */
import { CaseAction } from '../registry/cases';
import type { AntamDb } from '../store/db';
import type { OutboxEntry } from './model';

export class CaseActionError extends Error {
  override readonly name = 'CaseActionError';
}

/**
 * Accept, dispute or withdraw: queued after whatever the case still has in the outbox, so that
 * an action on a case not yet delivered goes out right after its submission. The registry
 * decides whether the action is still allowed; a refusal comes back as the case's deliveryError.
 */
export async function queueAction(db: AntamDb, caseId: string, action: CaseAction): Promise<void> {
  // The page validated it; parsed again because this row will be sent as is, possibly days later.
  const parsed = CaseAction.parse(action);
  if (parsed.type !== 'accept' && parsed.type !== 'dispute' && parsed.type !== 'withdraw') {
    throw new CaseActionError(`a shopper cannot ${parsed.type} a complaint`);
  }
  await db.transaction('rw', db.cases, db.outbox, async () => {
    const found = await db.cases.get(caseId);
    if (!found) throw new CaseActionError(`case ${caseId} does not exist`);
    if (found.kind !== 'complaint') throw new CaseActionError('only complaints take actions');
    if (found.delivery === 'rejected') throw new CaseActionError('the registry refused this case');
    const now = Date.now();
    const entry: OutboxEntry = {
      op: 'action',
      action: parsed,
      caseId,
      idempotencyKey: crypto.randomUUID(),
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
    };
    await db.outbox.add(entry);
    await db.cases.update(caseId, { deliveryError: null, deliveryProblem: null, updatedAt: now });
  });
}

export async function markSeen(db: AntamDb, caseId: string): Promise<void> {
  await db.cases.update(caseId, { unseen: false });
}
