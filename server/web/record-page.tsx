/** @jsxRuntime automatic @jsxImportSource react */
// (tsx, which runs the registry, would otherwise compile JSX for a global React.)
/**
 * A seller's public record as a page for people (`/s/{platform}/{sellerId or @slug}`): the level
 * with the rule that produced it, the reasons as the extension words them, and every fact behind
 * them. Only what the record holds is shown; nothing is invented for what it lacks.
 */
import { BADGE_ICON } from '../../lib/i18n/badge';
import { formatDate, formatReason, PLATFORM_NAMES } from '../../lib/i18n/index';
import { headline } from '../../lib/i18n/levels';
import type { PublicReply, TrustRecord } from '../../lib/registry/schemas';
import { PLATFORMS } from '../../lib/registry/seller-key';
import { safeHttpUrl } from '../../lib/safe-url';
import { Page } from './layout';
import {
  formatNumber,
  formatPercent,
  formatUpdatedAt,
  type Language,
  levelWord,
  REGISTRATION_STATUS,
  words,
} from './text';

export { conditionsBehind, headline } from '../../lib/i18n/levels';

export function sellerTitle(record: TrustRecord): string {
  return record.name ?? `${PLATFORM_NAMES[record.platform]} ${record.sellerId}`;
}

interface RecordPageProps {
  record: TrustRecord;
  lang: Language;
  path: string;
}

export function RecordPage({ record, lang, path }: RecordPageProps) {
  const w = words(lang);
  const n = (value: number) => formatNumber(value, lang);
  const date = (value: string | null) => (value === null ? w.none : formatDate(value, lang));
  const title = `${sellerTitle(record)} · ${levelWord(record.level, lang)} · ${w.siteName}`;
  const summary = headline(record, lang);
  const { registration, complaints, counterfeit } = record;
  const recent = complaints.last12Months;
  const source = safeHttpUrl(registration.source);
  const levelsHref = lang === 'en' ? '/levels?lang=en' : '/levels';
  return (
    <Page
      lang={lang}
      title={title}
      description={summary}
      switchHref={`${path}?lang=${lang === 'vi' ? 'en' : 'vi'}`}
    >
      <p className="muted">
        {w.recordTitle} · {PLATFORM_NAMES[record.platform]}
      </p>
      <h1>{sellerTitle(record)}</h1>
      {record.demo && (
        <p className="demo" role="note">
          {w.demo}
        </p>
      )}
      <section aria-labelledby="level">
        <h2 id="level">{w.levelHeading}</h2>
        <p>
          <span className={`level lv-${record.level}`}>
            <span aria-hidden="true">{BADGE_ICON[record.level]}</span>
            {levelWord(record.level, lang)}
          </span>
        </p>
        <p className="headline">{summary}</p>
        <h3>{w.reasonsHeading}</h3>
        <ul>
          {record.reasons.map((reason) => (
            <li key={reason.code} className={reason.effect}>
              {formatReason(reason, lang)}
            </li>
          ))}
        </ul>
        <p>
          <a href={levelsHref}>{w.howLevels}</a>
        </p>
      </section>

      <section aria-labelledby="registration">
        <h2 id="registration">{w.registrationHeading}</h2>
        <p>{REGISTRATION_STATUS[lang][registration.status]}</p>
        <dl>
          {registration.businessName !== null && (
            <>
              <dt>{w.businessName}</dt>
              <dd>{registration.businessName}</dd>
            </>
          )}
          {registration.taxCode !== null && (
            <>
              <dt>{w.taxCode}</dt>
              <dd>{registration.taxCode}</dd>
            </>
          )}
          {registration.since !== null && (
            <>
              <dt>{w.since}</dt>
              <dd>{date(registration.since)}</dd>
            </>
          )}
          {registration.source !== null && (
            <>
              <dt>{w.source}</dt>
              <dd>
                {source ? (
                  <a href={source} rel="noopener noreferrer nofollow">
                    {registration.source}
                  </a>
                ) : (
                  registration.source
                )}
              </dd>
            </>
          )}
        </dl>
      </section>

      <section aria-labelledby="complaints">
        <h2 id="complaints">{w.complaintsHeading}</h2>
        <h3>{w.verifiedHeading}</h3>
        <dl data-testid="verified">
          <dt>
            {w.total} ({w.last12Months})
          </dt>
          <dd>{n(recent.total)}</dd>
          <dt>{w.resolvedForShopper}</dt>
          <dd>{n(recent.resolvedForShopper)}</dd>
          <dt>{w.rejected}</dt>
          <dd>{n(recent.rejected)}</dd>
          <dt>{w.open}</dt>
          <dd>{n(recent.open)}</dd>
          <dt>{w.unanswered}</dt>
          <dd>{n(recent.unanswered)}</dd>
          {recent.answeredOnTimeShare !== null && (
            <>
              <dt>{w.onTimeShare}</dt>
              <dd>{formatPercent(recent.answeredOnTimeShare, lang)}</dd>
            </>
          )}
          {recent.medianDaysToResolution !== null && (
            <>
              <dt>{w.medianDays}</dt>
              <dd>{n(recent.medianDaysToResolution)}</dd>
            </>
          )}
          <dt>
            {w.total} ({w.allTime})
          </dt>
          <dd>{n(complaints.allTime.total)}</dd>
        </dl>
        {complaints.lateReply && <Reply reply={complaints.lateReply} lang={lang} about={w.replyToLate} />}
        <h3>{w.unverifiedHeading}</h3>
        <dl data-testid="unverified">
          <dt>{w.last12Months}</dt>
          <dd>{n(complaints.unverified.last12Months)}</dd>
          <dt>{w.allTime}</dt>
          <dd>{n(complaints.unverified.allTime)}</dd>
        </dl>
        <p className="muted">{w.unverifiedNote}</p>
      </section>

      <section aria-labelledby="counterfeit">
        <h2 id="counterfeit">{w.counterfeitHeading}</h2>
        <dl>
          <dt>{w.counterfeitConfirmed}</dt>
          <dd>{n(counterfeit.confirmed)}</dd>
          {counterfeit.lastConfirmedAt !== null && (
            <>
              <dt>{w.lastConfirmed}</dt>
              <dd>{date(counterfeit.lastConfirmedAt)}</dd>
            </>
          )}
          <dt>{w.counterfeitDismissed}</dt>
          <dd>{n(counterfeit.dismissed)}</dd>
          <dt>{w.counterfeitReports}</dt>
          <dd>{n(counterfeit.reports)}</dd>
        </dl>
        {counterfeit.reply && <Reply reply={counterfeit.reply} lang={lang} />}
      </section>

      <section aria-labelledby="sanctions">
        <h2 id="sanctions">{w.sanctionsHeading}</h2>
        {record.sanctions.length === 0 ? (
          <p>{w.noSanctions}</p>
        ) : (
          <ul>
            {record.sanctions.map((s) => {
              const url = safeHttpUrl(s.url);
              return (
                <li key={`${s.decision}-${s.date}`}>
                  <strong>{s.authority}</strong>, {date(s.date)}: {s.summary} ({w.decision} {s.decision})
                  {url && (
                    <>
                      {' '}
                      <a href={url} rel="noopener noreferrer nofollow">
                        {w.readDecision}
                      </a>
                    </>
                  )}
                  {s.reply && <Reply reply={s.reply} lang={lang} />}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <p className="muted">
        {w.updatedAt} {formatUpdatedAt(record.updatedAt, lang)}
      </p>
    </Page>
  );
}

/**
 * The seller's public reply beside the fact it answers: plain text (React escapes it), labelled as
 * the seller's words, with the day it was written and whether it was edited.
 */
function Reply({ reply, lang, about }: { reply: PublicReply; lang: Language; about?: string }) {
  const w = words(lang);
  return (
    <figure className="reply">
      <figcaption>
        <strong>{w.replyLabel}</strong>
        {about && <> · {about}</>} · {formatDate(reply.date, lang)}
        {reply.edited && <> ({w.replyEdited})</>}
      </figcaption>
      <blockquote>{reply.text}</blockquote>
    </figure>
  );
}

export function ProblemPage({ lang, path, status }: { lang: Language; path: string; status: 400 | 404 }) {
  const w = words(lang);
  const heading = status === 404 ? w.notFoundTitle : w.badRequestTitle;
  const body = status === 404 ? w.notFoundBody : w.badRequestBody;
  return (
    <Page
      lang={lang}
      title={`${heading} · ${w.siteName}`}
      description={body}
      switchHref={`${path}?lang=${lang === 'vi' ? 'en' : 'vi'}`}
    >
      <h1>{heading}</h1>
      <section>
        <p>{body}</p>
        {status === 400 && (
          <p>
            {w.platforms}: {PLATFORMS.join(', ')}
          </p>
        )}
        <p>
          <a href={lang === 'en' ? '/levels?lang=en' : '/levels'}>{w.howLevels}</a>
        </p>
      </section>
    </Page>
  );
}
