/**
 * The counterfeit report form: the listing as the page showed it (URL fixed: the report is about
 * that page), the reason, optionally one of the shopper's orders with the seller (a report tied to
 * an order weighs more), and evidence.
 */
import { type ReactNode, useId } from 'react';
import type { Draft, ReportDraftFields } from '../../lib/cases/model';
import { type Language, PLATFORM_NAMES, t } from '../../lib/i18n';
import { MAX_REPORT_REASON_LENGTH } from '../../lib/registry/cases';
import { type Errors, NumberField, TextArea, TextField } from './fields';

export type ReportFields = ReportDraftFields;
type Update = (change: (fields: ReportFields) => ReportFields) => void;

export function ReportForm({
  draft,
  fields,
  update,
  errors,
  lang,
  evidence,
  myOrderCodes,
}: {
  draft: Draft;
  fields: ReportFields;
  update: Update;
  errors: Errors;
  lang: Language;
  evidence: ReactNode;
  /** Order codes of the shopper's complaints about this seller. */
  myOrderCodes: readonly string[];
}) {
  const pickId = useId();
  const setListing = (patch: Partial<ReportFields['listing']>) =>
    update((f) => ({ ...f, listing: { ...f.listing, ...patch } }));
  return (
    <>
      <section className="form-section" aria-labelledby="listing-heading">
        <h2 id="listing-heading">{t(lang, 'report.listing.heading')}</h2>
        <dl className="facts">
          <div>
            <dt>{t(lang, 'form.seller')}</dt>
            <dd>
              {t(lang, 'form.sellerOn', {
                seller: fields.seller.name?.trim() || fields.seller.key,
                platform: PLATFORM_NAMES[draft.platform],
              })}
            </dd>
          </div>
        </dl>
        <TextField
          path="listing.url"
          type="url"
          label={t(lang, 'report.listing.url')}
          value={fields.listing.url}
          readOnly
          errors={errors}
        />
        <TextField
          path="listing.title"
          label={t(lang, 'report.listing.title')}
          value={fields.listing.title}
          required
          errors={errors}
          onChange={(title) => setListing({ title })}
        />
        <NumberField
          path="listing.price"
          label={t(lang, 'report.listing.price')}
          value={fields.listing.price}
          errors={errors}
          onChange={(price) => setListing({ price })}
        />
      </section>

      <section className="form-section" aria-labelledby="reason-heading">
        <h2 id="reason-heading">{t(lang, 'report.reason')}</h2>
        <TextArea
          path="reason"
          label={t(lang, 'report.reason')}
          help={t(lang, 'report.reason.help')}
          value={fields.reason}
          required
          errors={errors}
          counter={t(lang, 'form.counter', {
            count: fields.reason.normalize('NFC').trim().length,
            max: MAX_REPORT_REASON_LENGTH,
          })}
          onChange={(reason) => update((f) => ({ ...f, reason }))}
        />
        {myOrderCodes.length > 0 && (
          <div className="form-field">
            <label htmlFor={pickId}>{t(lang, 'report.orderCode.pick')}</label>
            <select
              id={pickId}
              value={myOrderCodes.includes(fields.orderCode) ? fields.orderCode : ''}
              onChange={(e) => update((f) => ({ ...f, orderCode: e.target.value }))}
            >
              <option value="">{t(lang, 'report.orderCode.none')}</option>
              {myOrderCodes.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </div>
        )}
        <TextField
          path="orderCode"
          label={t(lang, 'report.orderCode')}
          help={t(lang, 'report.orderCode.help')}
          value={fields.orderCode}
          errors={errors}
          onChange={(orderCode) => update((f) => ({ ...f, orderCode }))}
        />
        <p className="muted small">{t(lang, 'report.privacy')}</p>
      </section>

      <section className="form-section" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t(lang, 'evidence.heading')}</h2>
        {evidence}
      </section>
    </>
  );
}
