/**
 * One draft being written: the complaint or report form, autosaved, then the review step and the
 * submission. Autosave writes the whole draft ~300 ms after the last change and at once when the
 * page is hidden or closed, so reopening the page restores everything the shopper typed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Draft, EvidenceRecord, LocalCase } from '../../lib/cases/model';
import { earlierReportOf } from '../../lib/cases/problems';
import type { CaseReader } from '../../lib/cases/reader';
import { type FieldError, validateComplaintDraft, validateReportDraft } from '../../lib/cases/validate';
import { formatDateTime, type Language, t, tp } from '../../lib/i18n';
import { askBackground } from '../ask';
import { CaseFields, formOf } from './CaseFields';
import { EvidenceEditor } from './EvidenceList';
import type { Errors } from './fields';
import { fieldId } from './labels';
import { errorText } from './live';
import { Review, type SubmitRequest } from './Review';

export const AUTOSAVE_DELAY_MS = 300;

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'gone' }
  | { kind: 'error'; error: string };

export function DraftEditor({
  reader,
  draftId,
  lang,
  onSubmitted,
  autosaveDelayMs = AUTOSAVE_DELAY_MS,
}: {
  reader: CaseReader;
  draftId: string;
  lang: Language;
  onSubmitted: (caseId: string) => void;
  /** Tests set it far out to show that hiding the page saves without waiting. */
  autosaveDelayMs?: number;
}) {
  const [load, setLoad] = useState<'loading' | 'missing' | 'sent' | { error: string } | 'ready'>('loading');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [showErrors, setShowErrors] = useState(false);
  const [focusTick, setFocusTick] = useState(0);
  const [review, setReview] = useState<{ request: SubmitRequest; evidence: EvidenceRecord[] } | null>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const [installKey, setInstallKey] = useState<string | null>(null);
  const [myOrderCodes, setMyOrderCodes] = useState<string[]>([]);
  /** This install's earlier report of the same listing: the form says so and sends nothing. */
  const [earlier, setEarlier] = useState<LocalCase | null>(null);

  const latest = useRef<Draft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Once submitted, the draft row is gone: a late autosave must not try to bring it back.
  const submitted = useRef(false);

  useEffect(() => {
    let alive = true;
    setLoad('loading');
    // A draft that was submitted lives on as the case with the same id (back button, old link).
    Promise.all([reader.getDraft(draftId), reader.getCase(draftId)]).then(
      ([found, sent]) => {
        if (!alive) return;
        latest.current = found ?? null;
        setDraft(found ?? null);
        setLoad(found ? 'ready' : sent ? 'sent' : 'missing');
      },
      (error: unknown) => alive && setLoad({ error: errorText(error) }),
    );
    return () => {
      alive = false;
    };
  }, [reader, draftId]);

  // The report form offers the order codes of the shopper's complaints about the same seller.
  const reportSeller = draft?.kind === 'report' ? draft.report?.seller.key : undefined;
  useEffect(() => {
    if (!reportSeller) return;
    let alive = true;
    reader.listCases().then(
      (cases) => {
        if (!alive) return;
        const codes = cases
          .filter((c) => c.kind === 'complaint' && c.sellerKey === reportSeller)
          .map((c) => c.subject)
          .filter((code) => code.trim() !== '');
        setMyOrderCodes([...new Set(codes)]);
      },
      // Only a convenience: the shopper can still type the code.
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [reader, reportSeller]);

  // One report per listing per install: known here, before anything is sent.
  const reportUrl = draft?.kind === 'report' ? draft.report?.listing.url : undefined;
  useEffect(() => {
    if (!reportUrl) return;
    let alive = true;
    reader.listCases().then(
      (cases) => alive && setEarlier(earlierReportOf(cases, reportUrl, draftId) ?? null),
      // The background checks again when the report is submitted.
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [reader, reportUrl, draftId]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const current = latest.current;
    if (!current || submitted.current) return;
    setSave({ kind: 'saving' });
    try {
      // Written by the background, in the order asked: a later save never lands before this one.
      const answer = await askBackground('page:save-draft', { draft: current });
      setSave(answer.saved ? { kind: 'saved' } : { kind: 'gone' });
    } catch (error) {
      setSave({ kind: 'error', error: errorText(error) });
    }
  }, []);

  useEffect(() => {
    const onHide = () => {
      if (timer.current) void flush();
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      // Leaving the draft (another route) saves what was typed.
      onHide();
    };
  }, [flush]);

  const change = useCallback(
    (next: Draft) => {
      latest.current = next;
      setDraft(next);
      setSave({ kind: 'saving' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), autosaveDelayMs);
    },
    [flush, autosaveDelayMs],
  );

  // Applied to the latest draft: two keystrokes before a render must both count.
  const changeLatest = useCallback(
    (fn: (current: Draft) => Draft) => {
      if (latest.current) change(fn(latest.current));
    },
    [change],
  );

  const validate = useCallback(
    (d: Draft, key: string | null) =>
      d.kind === 'complaint'
        ? validateComplaintDraft(d, lang, key ?? 'install-key-not-loaded')
        : validateReportDraft(d, lang, key ?? 'install-key-not-loaded'),
    [lang],
  );

  // After a failed attempt the messages follow the fields as the shopper fixes them.
  const errors: FieldError[] =
    draft && showErrors
      ? (() => {
          const v = validate(draft, installKey);
          return v.ok ? [] : v.errors;
        })()
      : [];
  const errorMap: Errors = Object.fromEntries(errors.map((e) => [e.field, e.message]));

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves once per attempt, not per keystroke.
  useEffect(() => {
    if (focusTick === 0) return;
    const first = errors[0];
    const target =
      (first && document.getElementById(fieldId(first.field))) || document.getElementById('form-errors');
    target?.focus();
  }, [focusTick]);

  const toReview = async () => {
    const current = latest.current;
    if (!current || earlier) return;
    let key = installKey;
    // Both kinds carry the install key: the registry limits new cases per install.
    if (key === null) {
      key = (await askBackground('page:install-key', {})).installKey;
      setInstallKey(key);
    }
    const result = validate(current, key);
    if (!result.ok) {
      setShowErrors(true);
      setFocusTick((n) => n + 1);
      return;
    }
    await flush();
    setSendError(null);
    setReview({ request: result.request, evidence: await reader.listEvidence(current.id) });
    window.scrollTo?.(0, 0);
  };

  const send = async () => {
    if (!review || !latest.current) return;
    setSending(true);
    setSendError(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    try {
      submitted.current = true;
      // The background stores the case and its outbox before answering, then delivers it.
      const answer = await askBackground('page:submit-case', {
        draftId: latest.current.id,
        request: review.request,
      });
      if (!answer.ok) {
        if (answer.problem === 'duplicate_report') {
          // Known only now (the report's case arrived from another page meanwhile): back to the form,
          // which says so, with nothing sent.
          submitted.current = false;
          setSending(false);
          setReview(null);
          const url = 'listing' in review.request ? review.request.listing.url : '';
          setEarlier(earlierReportOf(await reader.listCases(), url, draftId) ?? null);
          return;
        }
        throw new Error(answer.error);
      }
      onSubmitted(answer.caseId);
    } catch (error) {
      submitted.current = false;
      // The words are the catalog's; what went wrong is for the developer's console.
      console.warn('[An Tâm] the case could not be queued', errorText(error));
      setSendError(t(lang, 'review.sendError'));
      setSending(false);
    }
  };

  if (load === 'loading') return <p role="status">{t(lang, 'common.loading')}</p>;
  if (load === 'missing') return <p role="alert">{t(lang, 'complaint.notFound')}</p>;
  if (load === 'sent') {
    return (
      <p role="status">
        {t(lang, 'complaint.alreadySent')}{' '}
        <a href={`#case=${encodeURIComponent(draftId)}`}>{t(lang, 'complaint.openCase')}</a>
      </p>
    );
  }
  if (typeof load === 'object')
    return <p role="alert">{t(lang, 'complaint.loadError', { error: load.error })}</p>;
  if (!draft) return null;

  if (review) {
    return (
      <Review
        draft={draft}
        request={review.request}
        evidence={review.evidence}
        lang={lang}
        sending={sending}
        sendError={sendError}
        onSend={() => void send()}
        onEdit={() => setReview(null)}
      />
    );
  }

  const form = formOf(draft);
  if (earlier) {
    return (
      <section className="case-form" data-view="duplicate-report" aria-labelledby="duplicate-heading">
        <h1 id="duplicate-heading">{t(lang, form.heading)}</h1>
        <div className="notice notice--warning" role="alert">
          <p>{t(lang, 'report.duplicate', { date: formatDateTime(earlier.createdAt, lang) })}</p>
          <p>
            <a href={`#case=${encodeURIComponent(earlier.id)}`}>{t(lang, 'report.duplicate.open')}</a>
          </p>
        </div>
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              submitted.current = true;
              void askBackground('page:delete-draft', { draftId: draft.id }).then(
                () => {
                  location.hash = '#cases';
                },
                () => {
                  submitted.current = false;
                },
              );
            }}
          >
            {t(lang, 'report.duplicate.delete')}
          </button>
        </div>
      </section>
    );
  }

  const evidence = <EvidenceEditor reader={reader} owner={draft.id} lang={lang} />;
  return (
    <form
      className="case-form"
      data-view={form.view}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void toReview();
      }}
    >
      <h1>{t(lang, form.heading)}</h1>
      <p role="status" className={`autosave autosave--${save.kind}`} data-autosave={save.kind}>
        {save.kind === 'saving'
          ? t(lang, 'autosave.saving')
          : save.kind === 'saved'
            ? t(lang, 'autosave.saved')
            : save.kind === 'error'
              ? t(lang, 'autosave.error', { error: save.error })
              : save.kind === 'gone'
                ? t(lang, 'autosave.gone')
                : ''}
      </p>
      <p className="muted small" data-view="required-legend">
        {t(lang, 'form.required.legend')}
      </p>
      {errors.length > 0 && (
        <div id="form-errors" className="form-errors" role="alert" tabIndex={-1}>
          <p>{tp(lang, 'form.errors', errors.length)}</p>
          <ul>
            {errors.map((e) => (
              <li key={e.field}>
                <a
                  href={`#${fieldId(e.field)}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    document.getElementById(fieldId(e.field))?.focus();
                  }}
                >
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <CaseFields
        draft={draft}
        change={changeLatest}
        errors={errorMap}
        lang={lang}
        evidence={evidence}
        myOrderCodes={myOrderCodes}
      />
      <div className="actions">
        <button type="submit" className="button button--primary">
          {t(lang, 'form.review')}
        </button>
      </div>
    </form>
  );
}
