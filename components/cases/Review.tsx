/**
 * The review step: the validated request rendered for reading — exactly the body the outbox will
 * send, nothing added — plus the evidence files (sent after it) and what stays on this computer.
 * The raw JSON is one click away for anyone who wants to check the words against the bytes.
 */
import { useEffect, useRef } from 'react';
import type { Draft, EvidenceRecord } from '../../lib/cases/model';
import { isRecordOnly } from '../../lib/cases/validate';
import { formatDate, formatVnd, type Language, t } from '../../lib/i18n';
import type { SubmitComplaintRequest, SubmitReportRequest } from '../../lib/registry/cases';
import { EvidenceItem } from './EvidenceList';

export type SubmitRequest = SubmitComplaintRequest | SubmitReportRequest;

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="review__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ComplaintRequestView({ request, lang }: { request: SubmitComplaintRequest; lang: Language }) {
  const { order, contact, consent } = request;
  const none = <span className="muted">{t(lang, 'review.none')}</span>;
  const yesNo = (v: boolean) => t(lang, v ? 'review.consent.yes' : 'review.consent.no');
  return (
    <dl className="review__fields">
      <Row label={t(lang, 'review.sellerKey')}>{request.seller}</Row>
      <Row label={t(lang, 'form.order.code')}>{order.orderCode}</Row>
      <Row label={t(lang, 'form.order.date')}>
        {order.orderDate ? formatDate(order.orderDate, lang) : none}
      </Row>
      <Row label={t(lang, 'form.items.heading')}>
        {order.items.length === 0 ? (
          none
        ) : (
          <ol className="review__items">
            {order.items.map((item, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the request's own order.
              <li key={i}>
                {item.title}
                {item.variant && <> ({item.variant})</>} × {item.quantity}
                {item.unitPrice !== null && <> · {formatVnd(item.unitPrice, lang)}</>}
              </li>
            ))}
          </ol>
        )}
      </Row>
      <Row label={t(lang, 'form.order.total')}>
        {order.total !== null ? formatVnd(order.total, lang) : none}
      </Row>
      <Row label={t(lang, 'form.category')}>{t(lang, `category.${request.category}`)}</Row>
      <Row label={t(lang, 'form.outcome')}>{t(lang, `outcome.${request.desiredOutcome}`)}</Row>
      <Row label={t(lang, 'form.description')}>
        <p className="review__text">{request.description}</p>
      </Row>
      {contact && (
        <>
          {contact.name !== undefined && <Row label={t(lang, 'form.contact.name')}>{contact.name}</Row>}
          {contact.email !== undefined && <Row label={t(lang, 'form.contact.email')}>{contact.email}</Row>}
          {contact.phone !== undefined && <Row label={t(lang, 'form.contact.phone')}>{contact.phone}</Row>}
        </>
      )}
      <Row label={t(lang, 'form.consent.seller')}>{yesNo(consent.shareWithSeller)}</Row>
      <Row label={t(lang, 'form.consent.marketplace')}>{yesNo(consent.shareWithMarketplace)}</Row>
      <Row label={t(lang, 'form.consent.authorities')}>{yesNo(consent.shareWithAuthorities)}</Row>
    </dl>
  );
}

export function ReportRequestView({ request, lang }: { request: SubmitReportRequest; lang: Language }) {
  const none = <span className="muted">{t(lang, 'review.none')}</span>;
  return (
    <dl className="review__fields">
      <Row label={t(lang, 'review.sellerKey')}>{request.seller}</Row>
      <Row label={t(lang, 'report.listing.url')}>{request.listing.url}</Row>
      <Row label={t(lang, 'report.listing.title')}>{request.listing.title}</Row>
      <Row label={t(lang, 'report.listing.price')}>
        {request.listing.price !== null ? formatVnd(request.listing.price, lang) : none}
      </Row>
      <Row label={t(lang, 'report.reason')}>
        <p className="review__text">{request.reason}</p>
      </Row>
      <Row label={t(lang, 'report.orderCode')}>{request.orderCode ?? none}</Row>
    </dl>
  );
}

export function Review({
  draft,
  request,
  evidence,
  lang,
  sending,
  sendError,
  onSend,
  onEdit,
}: {
  draft: Draft;
  request: SubmitRequest;
  evidence: readonly EvidenceRecord[];
  lang: Language;
  sending: boolean;
  /** Already in the shopper's words. */
  sendError: string | null;
  onSend: () => void;
  onEdit: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The review replaces the form: focus its heading so that a screen reader starts reading there.
  useEffect(() => headingRef.current?.focus(), []);
  const complaint = 'order' in request ? request : null;
  const notSent: string[] = [];
  if (complaint) {
    if (draft.complaint?.order.status) {
      notSent.push(t(lang, 'review.notSent.status', { status: draft.complaint.order.status }));
    }
    if (!complaint.contact) notSent.push(t(lang, 'review.notSent.contact'));
  }
  notSent.push(t(lang, 'review.notSent.installKey'));
  if (draft.pageUrl) notSent.push(t(lang, 'review.notSent.pageUrl'));
  notSent.push(t(lang, 'review.notSent.sellerName'));

  return (
    <section className="review" aria-labelledby="review-heading" data-view="review">
      <h2 id="review-heading" ref={headingRef} tabIndex={-1}>
        {t(lang, 'review.heading')}
      </h2>
      {complaint && isRecordOnly(complaint) && (
        <p className="notice notice--warning" role="note" data-warning="record-only">
          {t(lang, 'review.recordOnly')}
        </p>
      )}
      <h3>{t(lang, 'review.sent')}</h3>
      {complaint ? (
        <ComplaintRequestView request={complaint} lang={lang} />
      ) : (
        <ReportRequestView request={request as SubmitReportRequest} lang={lang} />
      )}
      <h3>{t(lang, 'review.evidence')}</h3>
      {evidence.length === 0 ? (
        <p className="muted">{t(lang, 'review.none')}</p>
      ) : (
        <>
          <ul className="evidence__list" data-review="evidence">
            {evidence.map((r) => (
              <li key={r.id}>
                <EvidenceItem record={r} lang={lang} />
              </li>
            ))}
          </ul>
          <p className="muted small">{t(lang, 'review.evidenceNote')}</p>
        </>
      )}
      <details className="review__json">
        <summary>{t(lang, 'review.json')}</summary>
        <pre data-review="json">{JSON.stringify(request, null, 2)}</pre>
      </details>
      <h3>{t(lang, 'review.notSent')}</h3>
      <ul className="review__not-sent">
        {notSent.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <p className="muted small">{t(lang, 'review.offline')}</p>
      {sendError && (
        <p role="alert" className="field-error">
          {sendError}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" disabled={sending} onClick={onSend}>
          {sending ? t(lang, 'review.sending') : t(lang, 'review.send')}
        </button>
        <button type="button" className="button" disabled={sending} onClick={onEdit}>
          {t(lang, 'review.edit')}
        </button>
      </div>
    </section>
  );
}
