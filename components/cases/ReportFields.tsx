/**
 * A counterfeit report's own fields: the listing as the page showed it (URL fixed: the report is
 * about that page), the reason, optionally one of the shopper's orders with the seller (a report
 * tied to an order weighs more), and evidence.
 */
import { useId } from 'react';
import type { ReportDraftFields } from '../../lib/cases/model';
import { t } from '../../lib/i18n';
import { MAX_REPORT_REASON_LENGTH } from '../../lib/registry/cases';
import { MoneyField, TextField } from './fields';
import { EvidenceSection, type KindFieldsProps, LimitedText, SellerFacts } from './form-parts';

type Fields = ReportDraftFields;

export function ReportFields({
  draft,
  fields,
  update,
  errors,
  lang,
  evidence,
  myOrderCodes,
}: KindFieldsProps<Fields>) {
  const pickId = useId();
  const setListing = (patch: Partial<Fields['listing']>) =>
    update((f) => ({ ...f, listing: { ...f.listing, ...patch } }));
  return (
    <>
      <section className="form-section" aria-labelledby="listing-heading">
        <h2 id="listing-heading">{t(lang, 'report.listing.heading')}</h2>
        <SellerFacts seller={fields.seller} platform={draft.platform} lang={lang} />
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
        <MoneyField
          path="listing.price"
          label={t(lang, 'report.listing.price')}
          value={fields.listing.price}
          lang={lang}
          errors={errors}
          onChange={(price) => setListing({ price })}
        />
      </section>

      <section className="form-section" aria-labelledby="reason-heading">
        <h2 id="reason-heading">{t(lang, 'report.reason')}</h2>
        <LimitedText
          path="reason"
          text="report.reason"
          form={{ errors, lang }}
          value={fields.reason}
          max={MAX_REPORT_REASON_LENGTH}
          onChange={(reason) => update((f) => ({ ...f, reason }))}
        />{' '}
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

      <EvidenceSection evidence={evidence} lang={lang} />
    </>
  );
}
