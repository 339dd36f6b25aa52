/**
 * One case followed to its outcome: tracking code, status in words, the seller's deadline and
 * answer, the timeline as the registry recorded it, evidence, delivery, and the shopper's own
 * actions (accept, dispute, withdraw) when the registry allows them. Kept live: the background
 * writes polled changes into Dexie while the page is open.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { LocalCase } from '../../lib/cases/model';
import type { CaseReader } from '../../lib/cases/reader';
import { formatDateTime, type Language, PLATFORM_NAMES, t } from '../../lib/i18n';
import {
  type CaseAction,
  type CaseEvent,
  type ComplaintView,
  MAX_REASON_LENGTH,
  type ReportEvent,
  type ReportView,
  ResponseKind,
} from '../../lib/registry/cases';
import { askBackground } from '../ask';
import { EvidenceView } from './EvidenceList';
import { actorText, caseStatusLine, problemText, statusText } from './labels';
import { errorText, useLive } from './live';
import { ComplaintRequestView, ReportRequestView } from './Review';

type ShopperAction = 'accept' | 'dispute' | 'withdraw';
const SHOPPER_ACTIONS: readonly ShopperAction[] = ['accept', 'dispute', 'withdraw'];

function isComplaintView(view: ComplaintView | ReportView): view is ComplaintView {
  return 'allowedActions' in view && 'late' in view;
}

export function CasePage({ reader, caseId, lang }: { reader: CaseReader; caseId: string; lang: Language }) {
  const live = useLive(async () => {
    const found = await reader.getCase(caseId);
    // Actions queued but not yet confirmed: the buttons wait for the registry's answer.
    const pending = await reader.pendingActions(caseId);
    return { found, pending };
  }, [reader, caseId]);
  const found = live.state === 'ready' ? live.value.found : undefined;

  // Opening the case (or being on it when a change arrives) is seeing it.
  const unseen = found?.unseen ?? false;
  useEffect(() => {
    if (!unseen) return;
    askBackground('page:mark-seen', { caseId }).catch(() => undefined);
  }, [caseId, unseen]);

  if (live.state === 'loading') return <p role="status">{t(lang, 'common.loading')}</p>;
  if (live.state === 'failed')
    return <p role="alert">{t(lang, 'complaint.loadError', { error: live.error })}</p>;
  if (!found) return <p role="alert">{t(lang, 'complaint.notFound')}</p>;
  return <CaseDetail reader={reader} item={found} pendingActions={live.value.pending} lang={lang} />;
}

function CaseDetail({
  reader,
  item,
  pendingActions,
  lang,
}: {
  reader: CaseReader;
  item: LocalCase;
  pendingActions: number;
  lang: Language;
}) {
  const view = item.view;
  const complaintView = view && isComplaintView(view) ? view : null;
  const reportView = view && !isComplaintView(view) ? (view as ReportView) : null;
  const seller = item.sellerName?.trim() || item.sellerKey;
  return (
    <article className="case" data-view="case" data-case={item.id}>
      <h1>
        {t(lang, item.kind === 'complaint' ? 'case.heading.complaint' : 'case.heading.report', {
          subject: item.subject,
        })}
      </h1>
      <dl className="facts">
        <div>
          <dt>{t(lang, 'case.tracking')}</dt>
          <dd>
            {item.trackingCode ? (
              <TrackingCode code={item.trackingCode} lang={lang} />
            ) : item.delivery === 'rejected' ? (
              <span data-tracking="none">{t(lang, 'case.trackingNone')}</span>
            ) : (
              <span data-tracking="pending">{t(lang, 'case.trackingPending')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t(lang, 'case.status')}</dt>
          <dd
            data-status={item.status}
            data-delivery={item.delivery}
            className={item.delivery === 'rejected' ? 'field-error' : undefined}
          >
            {caseStatusLine(item, lang)}
          </dd>
        </div>
        <div>
          <dt>{t(lang, 'case.seller')}</dt>
          <dd>{t(lang, 'form.sellerOn', { seller, platform: PLATFORM_NAMES[item.platform] })}</dd>
        </div>
        <div>
          <dt>{t(lang, 'case.submittedAt')}</dt>
          <dd>{formatDateTime(item.createdAt, lang)}</dd>
        </div>
        {complaintView && <VerificationFact view={complaintView} lang={lang} />}
        {complaintView?.dueAt && (
          <div>
            <dt>{t(lang, 'case.dueAt')}</dt>
            <dd>{formatDateTime(complaintView.dueAt, lang)}</dd>
          </div>
        )}
      </dl>
      {item.delivery === 'rejected' && (
        <p className="notice" data-view="kept-locally">
          {t(lang, 'case.keptLocally')}
        </p>
      )}
      {item.delivery === 'delivered' && item.deliveryProblem && (
        <p className="notice notice--warning" role="status" data-problem={item.deliveryProblem}>
          {t(lang, 'case.action.refused', { reason: problemText(item.deliveryProblem, lang) })}
        </p>
      )}
      {complaintView?.late && (
        <p className="notice notice--warning" data-late="true">
          {t(lang, 'case.late')}
        </p>
      )}
      {complaintView?.outcome && (
        <p className="notice" data-outcome={complaintView.outcome}>
          {t(lang, `case.outcome.${complaintView.outcome}`)}
        </p>
      )}
      {complaintView?.response && (
        <section className="case__section" aria-labelledby="response-heading">
          <h2 id="response-heading">{t(lang, 'case.response.heading')}</h2>
          <p>
            <strong>{t(lang, `response.${complaintView.response.kind}`)}</strong>
          </p>
          <p className="review__text">{complaintView.response.message}</p>
        </section>
      )}
      {complaintView?.finding && (
        <section className="case__section" aria-labelledby="finding-heading">
          <h2 id="finding-heading">{t(lang, 'case.finding')}</h2>
          <p className="review__text">{complaintView.finding}</p>
        </section>
      )}
      {reportView?.moderatorReason && (
        <section className="case__section" aria-labelledby="finding-heading">
          <h2 id="finding-heading">{t(lang, 'case.moderatorReason')}</h2>
          <p className="review__text">{reportView.moderatorReason}</p>
        </section>
      )}
      {reportView?.orderVerified && <p className="notice">{t(lang, 'case.orderVerified')}</p>}

      {complaintView && item.delivery !== 'rejected' && (
        <Actions item={item} view={complaintView} pending={pendingActions > 0} lang={lang} />
      )}

      {item.delivery !== 'rejected' && (
        <section className="case__section" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{t(lang, 'case.timeline')}</h2>
          {item.delivery === 'queued' ? (
            <p className="muted">{t(lang, 'case.timeline.pending')}</p>
          ) : (
            <Timeline events={view?.timeline ?? []} kind={item.kind} lang={lang} />
          )}
        </section>
      )}

      <details className="case__section" data-view="sent-content">
        <summary>{t(lang, 'case.sentContent')}</summary>
        {'order' in item.request ? (
          <ComplaintRequestView request={item.request} lang={lang} />
        ) : (
          <ReportRequestView request={item.request} lang={lang} />
        )}
      </details>

      <section className="case__section" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t(lang, 'case.evidence')}</h2>
        <EvidenceView reader={reader} owner={item.id} lang={lang} />
      </section>

      <p>
        <a href="#cases">{t(lang, 'case.back')}</a>
      </p>
    </article>
  );
}

function TrackingCode({ code, lang }: { code: string; lang: Language }) {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <span className="tracking">
      <code data-tracking={code}>{code}</code>{' '}
      <button
        type="button"
        className="link-button"
        aria-label={t(lang, 'case.copyLabel', { code })}
        onClick={() => void copy()}
      >
        {t(lang, 'case.copy')}
      </button>{' '}
      <span role="status" className="small">
        {copied === 'ok' ? t(lang, 'case.copied') : copied === 'failed' ? t(lang, 'case.copyFailed') : ''}
      </span>
    </span>
  );
}

function eventWhat(event: CaseEvent | ReportEvent, lang: Language): string {
  if (event.action === 'respond') {
    const kind = 'params' in event ? ResponseKind.safeParse(event.params.kind) : null;
    return t(lang, 'action.respond', {
      kind: kind?.success ? t(lang, `response.${kind.data}`) : t(lang, 'common.unknown'),
    });
  }
  if (event.action === 'verify') {
    const state = 'params' in event ? event.params.verification : null;
    if (state === 'order_verified' || state === 'order_not_found') return t(lang, `action.verify.${state}`);
  }
  return t(lang, `action.${event.action}`);
}

/** Who verified the complaint's order and when, or that nobody has yet (views stored before it: nothing). */
function VerificationFact({ view, lang }: { view: ComplaintView; lang: Language }) {
  const v = view.verification;
  if (!v) return null;
  const text =
    v.state === 'unverified'
      ? t(lang, 'case.verification.unverified')
      : t(lang, `case.verification.${v.state}`, {
          by: v.by ? t(lang, `case.verification.by.${v.by}`) : t(lang, 'common.unknown'),
          date: v.at ? formatDateTime(v.at, lang) : t(lang, 'common.unknown'),
        });
  return (
    <div>
      <dt>{t(lang, 'case.verification')}</dt>
      <dd data-verification={v.state}>{text}</dd>
    </div>
  );
}

function Timeline({
  events,
  kind,
  lang,
}: {
  events: readonly (CaseEvent | ReportEvent)[];
  kind: LocalCase['kind'];
  lang: Language;
}) {
  if (events.length === 0) return <p className="muted">{t(lang, 'case.timeline.empty')}</p>;
  return (
    <ol className="timeline">
      {events.map((event, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the registry's timeline only grows at its end.
        <li key={i} className="timeline__event" data-action={event.action}>
          <time dateTime={event.at}>{formatDateTime(event.at, lang)}</time>{' '}
          <strong>{actorText(event.actor, kind, lang)}</strong> {eventWhat(event, lang)}
          {' → '}
          <span className="muted">{statusText(event.to, lang)}</span>
          {event.note && <p className="timeline__note review__text">{event.note}</p>}
        </li>
      ))}
    </ol>
  );
}

function Actions({
  item,
  view,
  pending,
  lang,
}: {
  item: LocalCase;
  view: ComplaintView;
  pending: boolean;
  lang: Language;
}) {
  const reasonId = useId();
  const [open, setOpen] = useState<'dispute' | 'withdraw' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ kind: 'ok' } | { kind: 'error'; error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = SHOPPER_ACTIONS.filter((a) => view.allowedActions.includes(a));
  if (allowed.length === 0 && status === null) return null;

  const run = async (action: CaseAction) => {
    setBusy(true);
    try {
      // Queued by the background behind whatever the case still has to send, then delivered.
      const answer = await askBackground('page:case-action', { caseId: item.id, action });
      if (!answer.ok) throw new Error(answer.error);
      setStatus({ kind: 'ok' });
      setOpen(null);
      setReason('');
    } catch (error) {
      // The catalog's words for the shopper; the writer's (English) reason for the console.
      console.warn('[An Tâm] the action could not be queued', errorText(error));
      setStatus({ kind: 'error', error: errorText(error) });
    } finally {
      setBusy(false);
    }
  };

  const submitReason = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.normalize('NFC').trim();
    if (open === 'dispute' && text === '') {
      setReasonError(t(lang, 'validate.reason.empty'));
      document.getElementById(reasonId)?.focus();
      return;
    }
    if (text.length > MAX_REASON_LENGTH) {
      setReasonError(t(lang, 'validate.reason.tooLong', { max: MAX_REASON_LENGTH }));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setReasonError(null);
    void run(
      open === 'dispute'
        ? { type: 'dispute', reason: text }
        : text === ''
          ? { type: 'withdraw' }
          : { type: 'withdraw', reason: text },
    );
  };

  const disabled = busy || pending;
  return (
    <section className="case__section" aria-labelledby="actions-heading" data-view="actions">
      <h2 id="actions-heading">{t(lang, 'case.actions.heading')}</h2>
      {open === null ? (
        <div className="actions">
          {allowed.includes('accept') && (
            <button
              type="button"
              className="button button--primary"
              disabled={disabled}
              aria-describedby="accept-help"
              onClick={() => void run({ type: 'accept' })}
            >
              {t(lang, 'case.accept')}
            </button>
          )}
          {allowed.includes('dispute') && (
            <button type="button" className="button" disabled={disabled} onClick={() => setOpen('dispute')}>
              {t(lang, 'case.dispute')}
            </button>
          )}
          {allowed.includes('withdraw') && (
            <button type="button" className="button" disabled={disabled} onClick={() => setOpen('withdraw')}>
              {t(lang, 'case.withdraw')}
            </button>
          )}
          {allowed.includes('accept') && (
            <p id="accept-help" className="muted small">
              {t(lang, 'case.accept.help')}
            </p>
          )}
        </div>
      ) : (
        <form onSubmit={submitReason} noValidate data-action-form={open}>
          <div className="form-field">
            <label htmlFor={reasonId}>
              {t(lang, open === 'dispute' ? 'case.dispute.reason' : 'case.withdraw.reason')}
            </label>
            <textarea
              id={reasonId}
              rows={4}
              value={reason}
              required={open === 'dispute'}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${reasonId}-error` : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {open === 'dispute' && <p className="muted small">{t(lang, 'case.dispute.help')}</p>}
            {reasonError && (
              <p id={`${reasonId}-error`} className="field-error">
                {reasonError}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={disabled}>
              {t(lang, open === 'dispute' ? 'case.dispute.submit' : 'case.withdraw.submit')}
            </button>
            <button type="button" className="button" onClick={() => setOpen(null)}>
              {t(lang, 'case.cancel')}
            </button>
          </div>
        </form>
      )}
      <p role="status" className={status?.kind === 'error' ? 'field-error' : ''}>
        {status?.kind === 'error'
          ? t(lang, 'case.action.error')
          : status?.kind === 'ok' || pending
            ? t(lang, 'case.action.queued')
            : ''}
      </p>
    </section>
  );
}
