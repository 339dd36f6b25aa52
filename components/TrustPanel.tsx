import { type ReactNode, useId } from 'react';
import {
  formatDate,
  formatDays,
  formatNumber,
  formatPercent,
  type Language,
  PLATFORM_NAMES,
  t,
} from '../lib/i18n';
import { headline } from '../lib/i18n/levels';
import type { LookupResult } from '../lib/messaging';
import type { ComplaintStats, PublicReply, Sanction, TrustRecord } from '../lib/registry/schemas';
import { parseSellerKey } from '../lib/registry/seller-key';
import { safeHttpUrl } from '../lib/safe-url';
import { LevelBadge } from './LevelBadge';
import { levelsUrl, publicRecordUrl } from './links';
import { ReasonList } from './ReasonList';
import './ui.css';
import './trust-panel.css';

export interface TrustPanelProps {
  lang: Language;
  sellerKey: string;
  result: LookupResult;
  /** The registry's base URL (`registryBaseUrl(settings)`), for the public record link. */
  registryBase: string;
  /** The name the marketplace page shows, used when the registry has none. */
  pageName?: string | null;
  /** Offered in the "unavailable" state. */
  onRetry?: () => void;
  /** Controls placed under the header (e.g. the snooze toggle). */
  actions?: ReactNode;
  /**
   * The "report suspected counterfeit" control, shown whatever the registry knows: a seller with no
   * record can sell counterfeits too.
   */
  report?: ReactNode;
}

/** The badge's detail panel: the level, why, and every raw count behind it. */
export function TrustPanel(props: TrustPanelProps) {
  const { result } = props;
  if (result.status === 'found') return <FoundRecord {...props} record={result.record} />;
  return <NoRecord {...props} state={result.status} />;
}

function sellerTitle(lang: Language, sellerKey: string, ...names: (string | null | undefined)[]): string {
  const name = names.find((n) => n?.trim());
  if (name) return name.trim();
  const parsed = parseSellerKey(sellerKey);
  const id = parsed ? (parsed.alias ? `@${parsed.id}` : parsed.id) : sellerKey;
  return t(lang, 'trust.sellerFallback', { id });
}

/** A value that is not known: a dash for the eye, words for the screen reader. */
function Missing({ lang }: { lang: Language }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t(lang, 'common.notAvailable')}</span>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="trust__section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function FoundRecord({
  lang,
  sellerKey,
  record,
  registryBase,
  pageName,
  actions,
  report,
}: TrustPanelProps & { record: TrustRecord }) {
  const titleId = useId();
  const text = (value: string | null) => (value?.trim() ? value : <Missing lang={lang} />);
  const date = (value: string | null) => (value ? formatDate(value, lang) : <Missing lang={lang} />);
  const { registration, counterfeit } = record;
  const sourceUrl = safeHttpUrl(registration.source);
  const recordUrl = publicRecordUrl(registryBase, record.platform, record.sellerId, lang);
  const legendUrl = levelsUrl(registryBase, lang);

  return (
    <article className="trust" aria-labelledby={titleId} data-state="found">
      <header className="trust__header">
        <h1 id={titleId} className="trust__name">
          {sellerTitle(lang, sellerKey, record.name, pageName)}
        </h1>
        <p className="trust__meta">
          <span>{t(lang, 'trust.onPlatform', { platform: PLATFORM_NAMES[record.platform] })}</span>
          {record.officialStore && <span className="tag">{t(lang, 'trust.officialStore')}</span>}
        </p>
        <LevelBadge state={record.level} lang={lang} size="large" />
        {/* Which rule put the seller at this level, in the words of /levels (issue 11, item 1). */}
        <p className="trust__headline" data-headline>
          {headline(record, lang)}
          {legendUrl && (
            <>
              {' '}
              <a href={legendUrl} target="_blank" rel="noopener noreferrer">
                {t(lang, 'trust.levels.link')}
              </a>
            </>
          )}
        </p>
      </header>

      {record.demo && (
        <p className="notice notice--demo" role="note">
          {t(lang, 'trust.demo')}
        </p>
      )}

      {actions}
      {report}

      <Section title={t(lang, 'trust.reasons.heading')}>
        <ReasonList reasons={record.reasons} lang={lang} />
      </Section>

      <Section title={t(lang, 'trust.registration.heading')}>
        <dl className="fields">
          <Field label={t(lang, 'trust.registration.status')}>
            {t(lang, `registration.${registration.status}`)}
          </Field>
          <Field label={t(lang, 'trust.registration.businessName')}>{text(registration.businessName)}</Field>
          <Field label={t(lang, 'trust.registration.taxCode')}>{text(registration.taxCode)}</Field>
          <Field label={t(lang, 'trust.registration.since')}>{date(registration.since)}</Field>
          <Field label={t(lang, 'trust.registration.source')}>
            {sourceUrl ? (
              <a href={sourceUrl} target="_blank" rel="noopener noreferrer">
                {registration.source}
              </a>
            ) : (
              text(registration.source)
            )}
          </Field>
        </dl>
      </Section>

      <Section title={t(lang, 'trust.complaints.heading')}>
        <ComplaintTable
          lang={lang}
          last12Months={record.complaints.last12Months}
          allTime={record.complaints.allTime}
          unverified={record.complaints.unverified}
        />
        {record.complaints.lateReply && (
          <Reply reply={record.complaints.lateReply} lang={lang} about={t(lang, 'trust.reply.late')} />
        )}
        <p className="muted small">{t(lang, 'trust.complaints.note')}</p>
      </Section>

      <Section title={t(lang, 'trust.counterfeit.heading')}>
        <dl className="fields">
          <Field label={t(lang, 'trust.counterfeit.reports')}>
            {formatNumber(counterfeit.reports, lang)}
          </Field>
          <Field label={t(lang, 'trust.counterfeit.dismissed')}>
            {formatNumber(counterfeit.dismissed, lang)}
          </Field>
          <Field label={t(lang, 'trust.counterfeit.confirmed')}>
            {formatNumber(counterfeit.confirmed, lang)}
          </Field>
          <Field label={t(lang, 'trust.counterfeit.lastConfirmed')}>
            {date(counterfeit.lastConfirmedAt)}
          </Field>
        </dl>
        {counterfeit.reply && <Reply reply={counterfeit.reply} lang={lang} />}
        <p className="muted small">{t(lang, 'trust.counterfeit.reportsNote')}</p>
      </Section>

      <Section title={t(lang, 'trust.sanctions.heading')}>
        {record.sanctions.length === 0 ? (
          <p className="muted">{t(lang, 'trust.sanctions.none')}</p>
        ) : (
          <ul className="sanctions">
            {record.sanctions.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a static list; two decisions may share number and date.
              <SanctionItem key={`${s.decision}-${s.date}-${i}`} sanction={s} lang={lang} />
            ))}
          </ul>
        )}
      </Section>

      <footer className="trust__footer">
        <p>{t(lang, 'trust.updated', { date: formatDate(record.updatedAt, lang) })}</p>
        {recordUrl && (
          <p>
            <a href={recordUrl} target="_blank" rel="noopener noreferrer">
              {t(lang, 'trust.publicRecord')}
            </a>
            <br />
            <span className="muted small">{t(lang, 'trust.publicRecordNote')}</span>
          </p>
        )}
      </footer>
    </article>
  );
}

const COMPLAINT_ROWS = ['total', 'open', 'resolvedForShopper', 'rejected', 'unanswered'] as const;

function ComplaintTable({
  lang,
  last12Months,
  allTime,
  unverified,
}: {
  lang: Language;
  last12Months: ComplaintStats;
  allTime: ComplaintStats;
  unverified: TrustRecord['complaints']['unverified'];
}) {
  const columns = [last12Months, allTime];
  const share = (s: ComplaintStats) =>
    s.answeredOnTimeShare === null ? <Missing lang={lang} /> : formatPercent(s.answeredOnTimeShare, lang);
  const days = (s: ComplaintStats) =>
    s.medianDaysToResolution === null ? <Missing lang={lang} /> : formatDays(s.medianDaysToResolution, lang);
  return (
    <table className="complaints">
      <caption className="visually-hidden">{t(lang, 'trust.complaints.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t(lang, 'trust.complaints.measure')}</th>
          <th scope="col">{t(lang, 'trust.complaints.last12Months')}</th>
          <th scope="col">{t(lang, 'trust.complaints.allTime')}</th>
        </tr>
      </thead>
      <tbody>
        {COMPLAINT_ROWS.map((row) => (
          <tr key={row} data-row={row}>
            <th scope="row">{t(lang, `trust.complaints.${row}`)}</th>
            {columns.map((s, i) => (
              <td key={i === 0 ? 'last12Months' : 'allTime'}>{formatNumber(s[row], lang)}</td>
            ))}
          </tr>
        ))}
        <tr data-row="unverified">
          <th scope="row">{t(lang, 'trust.complaints.unverified')}</th>
          <td>{formatNumber(unverified.last12Months, lang)}</td>
          <td>{formatNumber(unverified.allTime, lang)}</td>
        </tr>
        <tr data-row="onTimeShare">
          <th scope="row">{t(lang, 'trust.complaints.onTimeShare')}</th>
          <td>{share(last12Months)}</td>
          <td>{share(allTime)}</td>
        </tr>
        <tr data-row="medianDays">
          <th scope="row">{t(lang, 'trust.complaints.medianDays')}</th>
          <td>{days(last12Months)}</td>
          <td>{days(allTime)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function SanctionItem({ sanction, lang }: { sanction: Sanction; lang: Language }) {
  const url = safeHttpUrl(sanction.url);
  return (
    <li className="sanction">
      <dl className="fields">
        <Field label={t(lang, 'trust.sanctions.authority')}>{sanction.authority}</Field>
        <Field label={t(lang, 'trust.sanctions.decision')}>{sanction.decision}</Field>
        <Field label={t(lang, 'trust.sanctions.date')}>{formatDate(sanction.date, lang)}</Field>
        <Field label={t(lang, 'trust.sanctions.summary')}>{sanction.summary}</Field>
      </dl>
      {url && (
        <a
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={t(lang, 'trust.sanctions.linkLabel', { decision: sanction.decision })}
        >
          {t(lang, 'trust.sanctions.link')}
        </a>
      )}
      {sanction.reply && <Reply reply={sanction.reply} lang={lang} />}
    </li>
  );
}

/** The seller's public reply beside the fact it answers: its own words, as plain text. */
function Reply({ reply, lang, about }: { reply: PublicReply; lang: Language; about?: string }) {
  return (
    <figure className="reply">
      <figcaption className="small">
        <strong>{t(lang, 'trust.reply.label')}</strong>
        {about && ` · ${about}`} · {t(lang, 'trust.reply.date', { date: formatDate(reply.date, lang) })}
        {reply.edited && ` (${t(lang, 'trust.reply.edited')})`}
      </figcaption>
      <blockquote className="reply__text">{reply.text}</blockquote>
    </figure>
  );
}

/** No record (absent: neutral, never suspicious) or no answer from the registry (unavailable). */
function NoRecord({
  lang,
  sellerKey,
  pageName,
  onRetry,
  report,
  state,
}: TrustPanelProps & { state: 'absent' | 'unavailable' }) {
  const titleId = useId();
  const platform = parseSellerKey(sellerKey)?.platform;
  const absent = state === 'absent';
  return (
    <article className="trust" aria-labelledby={titleId} data-state={state}>
      <header className="trust__header">
        <h1 id={titleId} className="trust__name">
          {sellerTitle(lang, sellerKey, pageName)}
        </h1>
        {platform && (
          <p className="trust__meta">
            <span>{t(lang, 'trust.onPlatform', { platform: PLATFORM_NAMES[platform] })}</span>
          </p>
        )}
        <LevelBadge state={absent ? 'unknown' : 'unavailable'} lang={lang} size="large" />
      </header>
      {report}
      <Section title={t(lang, absent ? 'trust.absent.title' : 'trust.unavailable.title')}>
        {absent ? (
          <>
            <p>{t(lang, 'trust.absent.body')}</p>
            <p className="muted">{t(lang, 'trust.absent.note')}</p>
          </>
        ) : (
          <>
            <p>{t(lang, 'trust.unavailable.body')}</p>
            {onRetry && (
              <button type="button" className="button" onClick={onRetry}>
                {t(lang, 'common.retry')}
              </button>
            )}
          </>
        )}
      </Section>
    </article>
  );
}
