/**
 * Every write to the shopper's drafts, cases and evidence that an extension page asks for
 * (`page:` messages, lib/background/router.ts). The background is their only writer: the writes
 * run one at a time in the order the pages sent them (an autosave cannot overtake the submission
 * that follows it), each lands in IndexedDB before the answer goes back, and what they queue in
 * the outbox is delivered by the background itself right after.
 */
import { base64ToBytes } from '../base64';
import { CaseActionError, queueAction, markSeen as storeMarkSeen } from '../cases/cases';
import { DraftGoneError, deleteDraft, saveDraft } from '../cases/drafts';
import { addEvidence, EvidenceError, removeEvidence } from '../cases/evidence';
import { getInstallKey } from '../cases/install-key';
import type { Draft, EvidenceErrorCode, MyDataExport } from '../cases/model';
import { deleteMyData, exportMyData } from '../cases/my-data';
import { SubmitError, submitDraft } from '../cases/submit';
import type { CaseAction, SubmitComplaintRequest, SubmitReportRequest } from '../registry/cases';
import type { AntamDb } from '../store/db';
import { type Serialiser, serialiser } from './serial';

export interface CaseWriterDeps {
  db: AntamDb;
  /** The outbox has new entries: deliver them now and recount the toolbar. */
  outboxChanged(): void;
  /** Only the unseen marks changed: recount the toolbar. */
  unseenChanged(): void;
  /** A complaint was filed against this seller (the watch list remembers it). */
  complaintFiled?(sellerKey: string, sellerName: string | null): void;
}

/** A page asked for something its draft or case does not allow (it is gone, it is a case). */
export class CaseWriteRefused extends Error {
  override readonly name = 'CaseWriteRefused';
}

export type Refusable<T> = ({ ok: true } & T) | { ok: false; error: string; problem?: 'duplicate_report' };

export class CaseWriter {
  private readonly db: AntamDb;
  private readonly deps: CaseWriterDeps;
  private readonly serialise: Serialiser = serialiser();

  constructor(deps: CaseWriterDeps) {
    this.db = deps.db;
    this.deps = deps;
  }

  saveDraft(draft: Draft): Promise<{ saved: true } | { saved: false; gone: true }> {
    return this.serialise(async () => {
      try {
        await saveDraft(this.db, draft);
        return { saved: true };
      } catch (error) {
        if (error instanceof DraftGoneError) return { saved: false, gone: true };
        throw error;
      }
    });
  }

  deleteDraft(draftId: string): Promise<void> {
    return this.serialise(() => deleteDraft(this.db, draftId));
  }

  /** A photo added by hand: the page cannot declare a page capture (HTML is ours alone). */
  addEvidence(
    owner: string,
    name: string,
    dataBase64: string,
  ): Promise<{ ok: true; evidenceId: string } | { ok: false; code: EvidenceErrorCode }> {
    return this.serialise(async () => {
      if (!(await this.db.drafts.get(owner))) throw new CaseWriteRefused('files are added to drafts only');
      try {
        const blob = new Blob([base64ToBytes(dataBase64)]);
        const record = await addEvidence(this.db, owner, blob, { name, source: 'photo' });
        return { ok: true, evidenceId: record.id };
      } catch (error) {
        if (error instanceof EvidenceError) return { ok: false, code: error.code };
        throw error;
      }
    });
  }

  /** Only from a draft: a case's files are what was (or will be) sent. */
  removeEvidence(evidenceId: string): Promise<void> {
    return this.serialise(async () => {
      const file = await this.db.evidence.get(evidenceId);
      if (!file) return;
      if (!(await this.db.drafts.get(file.owner))) throw new CaseWriteRefused('a sent case keeps its files');
      await removeEvidence(this.db, evidenceId);
    });
  }

  installKey(): Promise<string> {
    return this.serialise(() => getInstallKey(this.db));
  }

  submit(
    draftId: string,
    request: SubmitComplaintRequest | SubmitReportRequest,
  ): Promise<Refusable<{ caseId: string }>> {
    return this.serialise(async () => {
      try {
        const localCase = await submitDraft(this.db, draftId, request);
        this.deps.outboxChanged();
        if (localCase.kind === 'complaint')
          this.deps.complaintFiled?.(localCase.sellerKey, localCase.sellerName);
        return { ok: true, caseId: localCase.id };
      } catch (error) {
        if (error instanceof SubmitError) {
          return error.problem
            ? { ok: false, error: error.message, problem: error.problem }
            : { ok: false, error: error.message };
        }
        throw error;
      }
    });
  }

  act(caseId: string, action: CaseAction): Promise<Refusable<object>> {
    return this.serialise(async () => {
      try {
        await queueAction(this.db, caseId, action);
        this.deps.outboxChanged();
        return { ok: true };
      } catch (error) {
        if (error instanceof CaseActionError) return { ok: false, error: error.message };
        throw error;
      }
    });
  }

  markSeen(caseId: string): Promise<void> {
    return this.serialise(async () => {
      await storeMarkSeen(this.db, caseId);
      this.deps.unseenChanged();
    });
  }

  /** Behind the writes asked for before it, so that the file holds what the shopper last saw. */
  exportMyData(): Promise<MyDataExport> {
    return this.serialise(() => exportMyData(this.db));
  }

  deleteMyData(): Promise<{ registryDeletions: number }> {
    return this.serialise(async () => {
      const result = await deleteMyData(this.db);
      this.deps.outboxChanged();
      return result;
    });
  }
}
