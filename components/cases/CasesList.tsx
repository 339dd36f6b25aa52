/**
 * My cases: every complaint and report, newest first, with its tracking code (or that it still
 * waits to be sent), status and a mark when something changed; drafts above them, to continue or
 * delete.
 */
import type { Draft } from '../../lib/cases/model';
import type { CaseReader } from '../../lib/cases/reader';
import { formatDateTime, type Language, PLATFORM_NAMES, t } from '../../lib/i18n';
import { askBackground } from '../ask';
import { caseStatusLine } from './labels';
import { useLive } from './live';

function draftSubject(draft: Draft, lang: Language): string {
  const subject = draft.complaint?.order.orderCode.trim() || draft.report?.listing.title.trim();
  return subject || t(lang, 'cases.draft.untitled');
}

function draftSeller(draft: Draft): string {
  const seller = draft.complaint?.seller ?? draft.report?.seller;
  return seller?.name?.trim() || seller?.key || '';
}

export function CasesList({ reader, lang }: { reader: CaseReader; lang: Language }) {
  const live = useLive(
    async () => ({ cases: await reader.listCases(), drafts: await reader.listDrafts() }),
    [reader],
  );
  if (live.state === 'loading') return <p role="status">{t(lang, 'common.loading')}</p>;
  if (live.state === 'failed')
    return <p role="alert">{t(lang, 'complaint.loadError', { error: live.error })}</p>;
  const { cases, drafts } = live.value;
  return (
    <section className="cases" aria-labelledby="cases-heading" data-view="cases">
      <h1 id="cases-heading">{t(lang, 'cases.heading')}</h1>
      {cases.length === 0 && drafts.length === 0 && <p className="muted">{t(lang, 'cases.empty')}</p>}
      {drafts.length > 0 && (
        <>
          <h2>{t(lang, 'cases.drafts')}</h2>
          <ul className="case-list">
            {drafts.map((d) => {
              const subject = draftSubject(d, lang);
              return (
                <li key={d.id} className="case-list__item" data-draft={d.id}>
                  <span className="tag">{t(lang, `cases.kind.${d.kind}`)}</span> <strong>{subject}</strong>{' '}
                  <span className="muted">
                    {draftSeller(d)} · {PLATFORM_NAMES[d.platform]} ·{' '}
                    {t(lang, 'cases.draft.updated', { time: formatDateTime(d.updatedAt, lang) })}
                  </span>
                  <span className="case-list__actions">
                    <a
                      href={`#draft=${encodeURIComponent(d.id)}`}
                      aria-label={t(lang, 'cases.draft.continueLabel', { subject })}
                    >
                      {t(lang, 'cases.draft.continue')}
                    </a>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t(lang, 'cases.draft.deleteLabel', { subject })}
                      onClick={() =>
                        void askBackground('page:delete-draft', { draftId: d.id }).catch(() => undefined)
                      }
                    >
                      {t(lang, 'cases.draft.delete')}
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {cases.length > 0 && (
        <>
          <h2>{t(lang, 'cases.sent')}</h2>
          <ul className="case-list">
            {cases.map((c) => (
              <li key={c.id} className="case-list__item" data-case={c.id} data-unseen={c.unseen || undefined}>
                <span className="tag">{t(lang, `cases.kind.${c.kind}`)}</span>{' '}
                <a
                  href={`#case=${encodeURIComponent(c.id)}`}
                  aria-label={t(lang, 'cases.open', { subject: c.subject })}
                >
                  <strong>{c.subject}</strong>
                </a>{' '}
                {c.unseen && <span className="unseen">{t(lang, 'cases.unseen')}</span>}
                <br />
                <span className="muted">
                  {c.trackingCode ? `${c.trackingCode} · ` : ''}
                  {c.sellerName?.trim() || c.sellerKey} ·{' '}
                </span>
                <span data-status-line={c.delivery === 'delivered' ? c.status : c.delivery}>
                  {caseStatusLine(c, lang)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
