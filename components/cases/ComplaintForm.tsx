/**
 * The complaint form, prefilled from the order page. Every field writes to the draft through
 * `update` (the editor autosaves); the controls are named by the request paths they fill so that
 * validation errors land on them.
 */
import type { ReactNode } from 'react';
import type { ComplaintDraftFields, Draft, DraftOrderItem } from '../../lib/cases/model';
import { type Language, PLATFORM_NAMES, t } from '../../lib/i18n';
import {
  type ComplaintCategory as Category,
  ComplaintCategory,
  DesiredOutcome,
  MAX_DESCRIPTION_LENGTH,
  type DesiredOutcome as Outcome,
} from '../../lib/registry/cases';
import { CheckboxField, type Errors, NumberField, SelectField, TextArea, TextField } from './fields';

export type Fields = ComplaintDraftFields;
type Update = (change: (fields: Fields) => Fields) => void;

const EMPTY_ITEM: DraftOrderItem = {
  title: '',
  productId: null,
  variant: null,
  quantity: 1,
  unitPrice: null,
};

export function ComplaintForm({
  draft,
  fields,
  update,
  errors,
  lang,
  evidence,
}: {
  draft: Draft;
  fields: Fields;
  update: Update;
  errors: Errors;
  lang: Language;
  evidence: ReactNode;
}) {
  const { order } = fields;
  const setOrder = (patch: Partial<Fields['order']>) =>
    update((f) => ({ ...f, order: { ...f.order, ...patch } }));
  const setItem = (index: number, patch: Partial<DraftOrderItem>) =>
    update((f) => ({
      ...f,
      order: {
        ...f.order,
        items: f.order.items.map((item, i) => (i === index ? { ...item, ...patch } : item)),
      },
    }));
  const platform = PLATFORM_NAMES[draft.platform];

  return (
    <>
      <section className="form-section" aria-labelledby="order-heading">
        <h2 id="order-heading">{t(lang, 'form.order.heading')}</h2>
        <p className="muted small">{t(lang, 'form.prefilled')}</p>
        <dl className="facts">
          <div>
            <dt>{t(lang, 'form.seller')}</dt>
            <dd>
              {t(lang, 'form.sellerOn', {
                seller: fields.seller.name?.trim() || fields.seller.key,
                platform,
              })}
            </dd>
          </div>
        </dl>
        <div className="form-grid">
          <TextField
            path="order.orderCode"
            label={t(lang, 'form.order.code')}
            value={order.orderCode}
            required
            errors={errors}
            onChange={(orderCode) => setOrder({ orderCode })}
          />
          <TextField
            path="order.orderDate"
            type="date"
            label={t(lang, 'form.order.date')}
            value={order.orderDate ?? ''}
            errors={errors}
            onChange={(v) => setOrder({ orderDate: v === '' ? null : v })}
          />
          <NumberField
            path="order.total"
            label={t(lang, 'form.order.total')}
            value={order.total}
            errors={errors}
            onChange={(total) => setOrder({ total })}
          />
        </div>
        {order.status && (
          <p className="muted small">{t(lang, 'form.order.status', { status: order.status })}</p>
        )}

        <fieldset className="items">
          <legend>{t(lang, 'form.items.heading')}</legend>
          {order.items.length === 0 && <p className="muted">{t(lang, 'form.items.empty')}</p>}
          {errors['order.items'] && <p className="field-error">{errors['order.items']}</p>}
          {order.items.map((item, i) => {
            const n = i + 1;
            const base = `order.items.${i}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: items have no id; their position is what the request names.
              <fieldset key={i} className="item" data-item={i}>
                <legend>{t(lang, 'form.items.item', { n: String(n) })}</legend>
                <TextField
                  path={`${base}.title`}
                  label={t(lang, 'form.items.title')}
                  value={item.title}
                  required
                  errors={errors}
                  onChange={(title) => setItem(i, { title })}
                />
                <div className="form-grid">
                  <TextField
                    path={`${base}.variant`}
                    label={t(lang, 'form.items.variant')}
                    value={item.variant ?? ''}
                    errors={errors}
                    onChange={(v) => setItem(i, { variant: v === '' ? null : v })}
                  />
                  <NumberField
                    path={`${base}.quantity`}
                    label={t(lang, 'form.items.quantity')}
                    value={item.quantity}
                    min={1}
                    required
                    errors={errors}
                    onChange={(q) => setItem(i, { quantity: q ?? 0 })}
                  />
                  <NumberField
                    path={`${base}.unitPrice`}
                    label={t(lang, 'form.items.unitPrice')}
                    value={item.unitPrice}
                    errors={errors}
                    onChange={(unitPrice) => setItem(i, { unitPrice })}
                  />
                </div>
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    update((f) => ({
                      ...f,
                      order: { ...f.order, items: f.order.items.filter((_, j) => j !== i) },
                    }))
                  }
                >
                  {t(lang, 'form.items.remove', { n: String(n) })}
                </button>
              </fieldset>
            );
          })}
          <button
            type="button"
            className="button"
            onClick={() =>
              update((f) => ({ ...f, order: { ...f.order, items: [...f.order.items, { ...EMPTY_ITEM }] } }))
            }
          >
            {t(lang, 'form.items.add')}
          </button>
        </fieldset>
      </section>

      <section className="form-section" aria-labelledby="problem-heading">
        <h2 id="problem-heading">{t(lang, 'form.problem.heading')}</h2>
        <SelectField<Category>
          path="category"
          label={t(lang, 'form.category')}
          placeholder={t(lang, 'form.category.placeholder')}
          value={fields.category}
          required
          errors={errors}
          options={ComplaintCategory.options.map((c) => ({ value: c, label: t(lang, `category.${c}`) }))}
          onChange={(category) => update((f) => ({ ...f, category }))}
        />
        <SelectField<Outcome>
          path="desiredOutcome"
          label={t(lang, 'form.outcome')}
          placeholder={t(lang, 'form.outcome.placeholder')}
          value={fields.desiredOutcome}
          required
          errors={errors}
          options={DesiredOutcome.options.map((o) => ({ value: o, label: t(lang, `outcome.${o}`) }))}
          onChange={(desiredOutcome) => update((f) => ({ ...f, desiredOutcome }))}
        />
        <TextArea
          path="description"
          label={t(lang, 'form.description')}
          help={t(lang, 'form.description.help')}
          value={fields.description}
          required
          errors={errors}
          counter={t(lang, 'form.counter', {
            count: fields.description.normalize('NFC').trim().length,
            max: MAX_DESCRIPTION_LENGTH,
          })}
          onChange={(description) => update((f) => ({ ...f, description }))}
        />
      </section>

      <section className="form-section" aria-labelledby="evidence-heading">
        <h2 id="evidence-heading">{t(lang, 'evidence.heading')}</h2>
        {evidence}
      </section>

      <section className="form-section" aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t(lang, 'form.contact.heading')}</h2>
        <p className="muted small">{t(lang, 'form.contact.help')}</p>
        <div className="form-grid">
          <TextField
            path="contact.name"
            label={t(lang, 'form.contact.name')}
            autoComplete="name"
            value={fields.contact.name}
            errors={errors}
            onChange={(name) => update((f) => ({ ...f, contact: { ...f.contact, name } }))}
          />
          <TextField
            path="contact.email"
            type="email"
            autoComplete="email"
            label={t(lang, 'form.contact.email')}
            value={fields.contact.email}
            errors={errors}
            onChange={(email) => update((f) => ({ ...f, contact: { ...f.contact, email } }))}
          />
          <TextField
            path="contact.phone"
            type="tel"
            autoComplete="tel"
            label={t(lang, 'form.contact.phone')}
            value={fields.contact.phone}
            errors={errors}
            onChange={(phone) => update((f) => ({ ...f, contact: { ...f.contact, phone } }))}
          />
        </div>
      </section>

      <fieldset className="form-section consent">
        <legend>
          <h2>{t(lang, 'form.consent.heading')}</h2>
        </legend>
        <p className="muted small">{t(lang, 'form.consent.help')}</p>
        <CheckboxField
          path="consent.shareWithSeller"
          label={t(lang, 'form.consent.seller')}
          help={t(lang, 'form.consent.sellerWhy')}
          checked={fields.consent.shareWithSeller}
          onChange={(v) => update((f) => ({ ...f, consent: { ...f.consent, shareWithSeller: v } }))}
        />
        <CheckboxField
          path="consent.shareWithMarketplace"
          label={t(lang, 'form.consent.marketplace')}
          help={t(lang, 'form.consent.marketplaceWhy', { platform })}
          checked={fields.consent.shareWithMarketplace}
          onChange={(v) => update((f) => ({ ...f, consent: { ...f.consent, shareWithMarketplace: v } }))}
        />
        <CheckboxField
          path="consent.shareWithAuthorities"
          label={t(lang, 'form.consent.authorities')}
          help={t(lang, 'form.consent.authoritiesWhy')}
          checked={fields.consent.shareWithAuthorities}
          onChange={(v) => update((f) => ({ ...f, consent: { ...f.consent, shareWithAuthorities: v } }))}
        />
      </fieldset>
    </>
  );
}
