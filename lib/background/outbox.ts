/**
 * Delivery of the outbox (lib/cases): everything the shopper sent is already in Dexie; this sends
 * it to the registry, exactly once, whatever happens in between (offline, registry down, browser
 * closed, an answer lost on the way back).
 *
 * - Order: entries go out in `seq` order per case. A case's evidence and actions need the token
 *   its submission brings back, so an entry that cannot go yet holds back the rest of its case,
 *   never other cases.
 * - Exactly once: a submission is sent with the stored body and the stored Idempotency-Key, so a
 *   retry after a lost answer is recognised by the registry as the same complaint (200, same
 *   tracking code and token) instead of creating another. Evidence is deduplicated by SHA-256 on
 *   the registry.
 * - One delivery at a time: triggers (service worker start, the alarm, a page's submission or
 *   action, the browser coming back online) that arrive while a run is under way make it run
 *   once more instead of starting a second, concurrent one.
 * - An attempt is written down before it is sent (`attempts`), so that "delete my data" knows a
 *   submission may have reached the registry even when its answer never came back.
 * - Retryable failures (network, timeout, 5xx, 408, 429) back off from 30 s, doubling to 1 h,
 *   with jitter so that many browsers do not retry in step after an outage; Retry-After is
 *   honoured. Permanent refusals (other 4xx) are recorded on the case ('rejected' with the
 *   registry's message) and announced: never dropped silently.
 */
import type { LocalCase, OutboxEntry } from '../cases/model';
import { problemOf } from '../cases/problems';
import { FINAL_COMPLAINT_STATUSES, FINAL_REPORT_STATUSES } from '../registry/cases';
import { loadSettings, registryBaseUrl, type Settings } from '../settings';
import type { AntamDb } from '../store/db';
import { CaseRequestError, CasesClient } from './cases-client';

export const BASE_BACKOFF_MS = 30_000;
export const MAX_BACKOFF_MS = 60 * 60_000;

/** Wait before attempt `attempts + 1`: 30 s · 2^(attempts−1), capped at 1 h, then 50–100 % of it. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.5 + random() / 2));
}

export interface OutboxOptions {
  db: AntamDb;
  createClient?: (baseUrl: string) => CasesClient;
  settings?: () => Promise<Settings>;
  clock?: () => number;
  random?: () => number;
  /** A case's submission was refused for good: tell the shopper (notification, count). */
  onRejected?: (refused: LocalCase) => Promise<void>;
  /** When the next entry is due (ms since epoch), or null when the outbox is empty: the alarm. */
  wakeAt?: (at: number | null) => Promise<void>;
  /** The shopper's action changed a case against this seller (its record may have changed). */
  onSellerChanged?: (sellerKey: string) => Promise<void>;
}

type Outcome = 'done' | 'wait' | 'unreachable';

/** The case of an entry is gone (deleted by the shopper): nothing to write back. */
class CaseGone extends Error {}

export class Outbox {
  private readonly db: AntamDb;
  private readonly createClient: (baseUrl: string) => CasesClient;
  private readonly settings: () => Promise<Settings>;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly onRejected: (refused: LocalCase) => Promise<void>;
  private readonly wakeAt: (at: number | null) => Promise<void>;
  private readonly onSellerChanged: (sellerKey: string) => Promise<void>;
  private running: Promise<void> | null = null;
  private again = false;
  /** After the registry could not be reached: nothing is tried before this, unless forced. */
  private pausedUntil = 0;

  constructor(options: OutboxOptions) {
    this.db = options.db;
    this.createClient = options.createClient ?? ((baseUrl) => new CasesClient({ baseUrl }));
    this.settings = options.settings ?? loadSettings;
    this.clock = options.clock ?? Date.now;
    this.random = options.random ?? Math.random;
    this.onRejected = options.onRejected ?? (async () => undefined);
    this.wakeAt = options.wakeAt ?? (async () => undefined);
    this.onSellerChanged = options.onSellerChanged ?? (async () => undefined);
  }

  /**
   * Delivers every due entry. `force` (a page's write, the browser back online) ignores the pause
   * after an unreachable registry, though not the backoff of entries that failed.
   */
  deliver(options: { force?: boolean } = {}): Promise<void> {
    if (options.force) this.pausedUntil = 0;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      try {
        do {
          this.again = false;
          await this.runOnce();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    this.running = run;
    return run;
  }

  private async runOnce(): Promise<void> {
    const now = this.clock();
    if (now >= this.pausedUntil) {
      const client = this.createClient(registryBaseUrl(await this.settings()));
      const entries = await this.db.outbox.orderBy('seq').toArray();
      const heldBack = new Set<string>();
      for (const entry of entries) {
        if (heldBack.has(entry.caseId)) continue;
        if (entry.nextAttemptAt > now) {
          heldBack.add(entry.caseId);
          continue;
        }
        const outcome = await this.deliverOne(client, entry);
        if (outcome === 'wait') heldBack.add(entry.caseId);
        if (outcome === 'unreachable') {
          // Every other entry would fail the same way: wait as long as this one does.
          this.pausedUntil = this.clock() + backoffMs(entry.attempts + 1, this.random);
          break;
        }
      }
    }
    await this.scheduleWake();
  }

  /** The alarm for the earliest entry that can go next: the head of each case's queue. */
  private async scheduleWake(): Promise<void> {
    const heads = new Map<string, number>();
    await this.db.outbox.orderBy('seq').each((e) => {
      if (!heads.has(e.caseId)) heads.set(e.caseId, e.nextAttemptAt);
    });
    const next = heads.size > 0 ? Math.min(...heads.values()) : null;
    await this.wakeAt(next === null ? null : Math.max(next, this.pausedUntil));
  }

  private async deliverOne(client: CasesClient, entry: OutboxEntry): Promise<Outcome> {
    const seq = entry.seq;
    if (seq === undefined) return 'done';
    // Written before sending: the attempt counts even if the worker dies mid-request.
    const attempts = entry.attempts + 1;
    if ((await this.db.outbox.update(seq, { attempts })) === 0) return 'done'; // deleted meanwhile
    try {
      await this.send(client, { ...entry, attempts });
      return 'done';
    } catch (err) {
      if (err instanceof CaseGone) {
        await this.db.outbox.delete(seq);
        return 'done';
      }
      const failure =
        err instanceof CaseRequestError
          ? err
          : new CaseRequestError(err instanceof Error ? err.message : String(err), undefined, true);
      if (failure.retryable) {
        const wait = Math.max(backoffMs(attempts, this.random), failure.retryAfterMs ?? 0);
        await this.db.outbox.update(seq, {
          nextAttemptAt: this.clock() + wait,
          lastError: describe(failure),
        });
        // No status and no code: the registry was not reached at all.
        return failure.status === undefined && failure.code === null ? 'unreachable' : 'wait';
      }
      await this.refused({ ...entry, attempts }, failure);
      return 'done';
    }
  }

  private async liveCase(caseId: string): Promise<LocalCase> {
    const found = await this.db.cases.get(caseId);
    if (!found) throw new CaseGone();
    return found;
  }

  /** Sends one entry and records its result; throws CaseRequestError (or CaseGone). */
  private async send(client: CasesClient, entry: OutboxEntry & { seq?: number }): Promise<void> {
    const { db } = this;
    const seq = entry.seq as number;
    switch (entry.op) {
      case 'submit': {
        const c = await this.liveCase(entry.caseId);
        if (c.delivery !== 'queued') {
          await db.outbox.delete(seq);
          return;
        }
        const answer = await client.submit(c.kind, c.request, c.idempotencyKey);
        const now = this.clock();
        await db.transaction('rw', db.cases, db.outbox, async () => {
          await db.outbox.delete(seq);
          // The shopper may have deleted it meanwhile: their retract entry takes it from here.
          if (!(await db.cases.get(c.id))) return;
          await db.cases.update(c.id, {
            delivery: 'delivered',
            deliveryError: answer.token
              ? null
              : 'the registry gave no case token: the case cannot be followed',
            trackingCode: answer.trackingCode,
            token: answer.token,
            status: answer.status as LocalCase['status'],
            updatedAt: now,
          });
        });
        if (answer.token) {
          // The first view (the registry forwards at once); polling catches up if this fails.
          try {
            const view = await client.view(c.kind, answer.trackingCode, answer.token);
            await db.cases.update(c.id, { view, status: view.status, lastPolledAt: this.clock() });
          } catch {
            // Not an outbox failure: the submission itself is done.
          }
        }
        // A new complaint or report counts in the seller's record at once (as unverified, or as
        // awaiting a moderator): the badge's panel should count the shopper's own case too.
        await this.onSellerChanged(c.sellerKey).catch(() => undefined);
        return;
      }
      case 'evidence': {
        const c = await this.liveCase(entry.caseId);
        const file = await db.evidence.get(entry.evidenceId);
        if (!file || file.remoteId) {
          await db.outbox.delete(seq);
          return;
        }
        const { trackingCode, token } = deliveredCredentials(c);
        const bytes = new Uint8Array(await file.blob.arrayBuffer());
        const view = await client.uploadEvidence(c.kind, trackingCode, token, {
          bytes,
          type: file.type,
          sha256: file.sha256,
          capturedAt: file.capturedAt,
          source: file.source,
          name: file.name,
        });
        await db.transaction('rw', db.evidence, db.outbox, async () => {
          await db.outbox.delete(seq);
          await db.evidence.update(file.id, { remoteId: view.id, uploadError: null });
        });
        return;
      }
      case 'action': {
        const c = await this.liveCase(entry.caseId);
        const { trackingCode, token } = deliveredCredentials(c);
        const view = await client.complaintAction(trackingCode, token, entry.action);
        await db.transaction('rw', db.cases, db.outbox, async () => {
          await db.outbox.delete(seq);
          if (!(await db.cases.get(c.id))) return;
          await db.cases.update(c.id, {
            view,
            status: view.status,
            deliveryError: null,
            deliveryProblem: null,
            lastPolledAt: this.clock(),
            updatedAt: this.clock(),
          });
        });
        // An accepted answer or a withdrawal counts in the seller's record at once on the registry.
        await this.onSellerChanged(c.sellerKey).catch(() => undefined);
        return;
      }
      case 'delete_personal_data': {
        await client.deletePersonalData(entry.kind, entry.trackingCode, entry.token);
        await db.outbox.delete(seq);
        return;
      }
      case 'retract': {
        const answer = await client.submit(entry.kind, entry.request, entry.idempotencyKey);
        if (!answer.token) {
          console.warn('[An Tâm] a retracted case came back without a token; its data cannot be deleted');
          await db.outbox.delete(seq);
          return;
        }
        if (answer.created && entry.kind === 'complaint') {
          // The registry first heard of it now, from the replay: withdraw what the shopper no
          // longer wants filed. Best effort: the deletion below is what the shopper asked for.
          await client
            .complaintAction(answer.trackingCode, answer.token, { type: 'withdraw' })
            .catch(() => undefined);
        }
        // From here on an ordinary deletion, so that a retry does not replay the submission.
        const next: OutboxEntry = {
          op: 'delete_personal_data',
          kind: entry.kind,
          trackingCode: answer.trackingCode,
          token: answer.token,
          caseId: entry.caseId,
          idempotencyKey: entry.idempotencyKey,
          attempts: 0,
          nextAttemptAt: this.clock(),
          lastError: null,
          createdAt: entry.createdAt,
        };
        await db.outbox.put({ ...next, seq });
        await client.deletePersonalData(entry.kind, answer.trackingCode, answer.token);
        await db.outbox.delete(seq);
        return;
      }
    }
  }

  /** The registry's final no: recorded where the shopper will see it. */
  private async refused(entry: OutboxEntry, failure: CaseRequestError): Promise<void> {
    const { db } = this;
    const seq = entry.seq as number;
    const message = describe(failure);
    const now = this.clock();
    switch (entry.op) {
      case 'submit': {
        let refusedCase: LocalCase | undefined;
        await db.transaction('rw', db.cases, db.outbox, async () => {
          // Its evidence and actions can never go either.
          await db.outbox.where('caseId').equals(entry.caseId).delete();
          const c = await db.cases.get(entry.caseId);
          if (!c) return;
          refusedCase = {
            ...c,
            delivery: 'rejected',
            deliveryError: message,
            deliveryProblem: problemOf({ op: 'submit', kind: c.kind }, failure.status, failure.code),
            unseen: true,
            updatedAt: now,
          };
          await db.cases.put(refusedCase);
        });
        if (refusedCase) await this.onRejected(refusedCase);
        return;
      }
      case 'evidence':
        await db.transaction('rw', db.evidence, db.outbox, async () => {
          await db.outbox.delete(seq);
          await db.evidence.update(entry.evidenceId, { uploadError: message });
        });
        return;
      case 'action':
        await db.transaction('rw', db.cases, db.outbox, async () => {
          await db.outbox.delete(seq);
          await db.cases.update(entry.caseId, {
            deliveryError: `${entry.action.type}: ${message}`,
            deliveryProblem: problemOf({ op: 'action', kind: 'complaint' }, failure.status, failure.code),
            updatedAt: now,
          });
        });
        return;
      case 'delete_personal_data':
      case 'retract':
        // The case is gone locally; nothing to attach the refusal to. A refused deletion (token no
        // longer valid, case unknown) cannot succeed by repeating it.
        console.warn(`[An Tâm] the registry refused a personal-data deletion: ${message}`);
        await db.outbox.delete(seq);
        return;
    }
  }
}

function describe(err: CaseRequestError): string {
  return err.status === undefined ? err.message : `HTTP ${err.status}: ${err.message}`;
}

function deliveredCredentials(c: LocalCase): { trackingCode: string; token: string } {
  if (c.delivery === 'queued') {
    // Entries are delivered in order, so this means the submission is still pending.
    throw new CaseRequestError('the case is not delivered yet', undefined, true, 'pending_submission');
  }
  if (!c.trackingCode || !c.token) {
    throw new CaseRequestError('the case has no tracking code or token to act with', 400, false);
  }
  return { trackingCode: c.trackingCode, token: c.token };
}

/** A case nothing more can happen to: no need to poll it. */
export function isFinal(c: Pick<LocalCase, 'kind' | 'status'>): boolean {
  const finals: readonly string[] = c.kind === 'complaint' ? FINAL_COMPLAINT_STATUSES : FINAL_REPORT_STATUSES;
  return finals.includes(c.status);
}
