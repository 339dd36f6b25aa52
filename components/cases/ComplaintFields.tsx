/**
 * A complaint's own fields, prefilled from the order page: the order and its items, what went
 * wrong and what the shopper wants, contact, and consent purpose by purpose. The controls are
 * named by the request paths they fill so that validation errors land on them.
 */
import type { ComplaintDraftFields, DraftOrderItem } from '../../lib/cases/model';
import { type Language, type MessageKey, PLATFORM_NAMES, t } from '../../lib/i18n';
import { ComplaintCategory, DesiredOutcome, MAX_DESCRIPTION_LENGTH } from '../../lib/registry/cases';
import {
  CheckboxField,
  DayMonthYearField,
  type Errors,
  MoneyField,
  NumberField,
  SelectField,
  TextField,
} from './fields';
import { EvidenceSection, type KindFieldsProps, LimitedText, SellerFacts } from './form-parts';
import { SellerPicker } from './SellerPicker';

type Fields = ComplaintDraftFields;
type Update = KindFieldsProps<Fields>['update'];

const EMPTY_ITEM: DraftOrderItem = {
  title: '',
  productId: null,
  variant: null,
  quantity: 1,
  unitPrice: null,
};

const CONTACT = [
  { key: 'name', label: 'form.contact.name', type: 'text', autoComplete: 'name' },
  { key: 'email', label: 'form.contact.email', type: 'email', autoComplete: 'email' },
  { key: 'phone', label: 'form.contact.phone', type: 'tel', autoComplete: 'tel' },
] as const satisfies readonly {
  key: keyof Fields['contact'];
  label: MessageKey;
  type: string;
  autoComplete: string;
}[];

/** The two choices of a complaint: what went wrong, and what the shopper wants. */
const CHOICES = [
  {
    path: 'category',
    text: 'form.category',
    options: ComplaintCategory.options.map((c) => ({ value: c, words: `category.${c}` as const })),
  },
  {
    path: 'desiredOutcome',
    text: 'form.outcome',
    options: DesiredOutcome.options.map((o) => ({ value: o, words: `outcome.${o}` as const })),
  },
] as const;

/** Each purpose the shopper may share the complaint for, and why it helps (Decree 13/2023). */
const CONSENT = [
  { key: 'shareWithSeller', label: 'form.consent.seller', why: 'form.consent.sellerWhy' },
  { key: 'shareWithMarketplace', label: 'form.consent.marketplace', why: 'form.consent.marketplaceWhy' },
  { key: 'shareWithAuthorities', label: 'form.consent.authorities', why: 'form.consent.authoritiesWhy' },
] as const satisfies readonly { key: keyof Fields['consent']; label: MessageKey; why: MessageKey }[];

export function ComplaintFields({ draft, fields, update, errors, lang, evidence }: KindFieldsProps<Fields>) {
  const { order } = fields;
  const setOrder = (patch: Partial<Fields['order']>) =>
    update((f) => ({ ...f, order: { ...f.order, ...patch } }));
  const platform = PLATFORM_NAMES[draft.platform];

  return (
    <>
      <section className="form-section" aria-labelledby="order-heading">
        <h2 id="order-heading">{t(lang, 'form.order.heading')}</h2>
        <p className="muted small">{t(lang, 'form.prefilled')}</p>
        {fields.sellerChoices !== undefined || !fields.seller.key ? (
          <SellerPicker draft={draft} fields={fields} update={update} errors={errors} lang={lang} />
        ) : (
          <SellerFacts seller={fields.seller} platform={draft.platform} lang={lang} />
        )}
        <div className="form-grid">
          <TextField
            path="order.orderCode"
            label={t(lang, 'form.order.code')}
            value={order.orderCode}
            required
            errors={errors}
            onChange={(orderCode) => setOrder({ orderCode })}
          />
          <DayMonthYearField
            path="order.orderDate"
            label={t(lang, 'form.order.date')}
            help={t(lang, 'form.order.date.help')}
            value={order.orderDate}
            errors={errors}
            onChange={(orderDate) => setOrder({ orderDate })}
          />
          <MoneyField
            path="order.total"
            label={t(lang, 'form.order.total')}
            value={order.total}
            lang={lang}
            errors={errors}
            onChange={(total) => setOrder({ total })}
          />
        </div>
        {order.pageCurrency && order.pageCurrency !== 'VND' && (
          <p className="notice" data-view="page-currency">
            {t(lang, 'form.order.pageCurrency', {
              currency: order.pageCurrency,
              total: order.pageTotal ?? '—',
            })}
          </p>
        )}
        {order.status && (
          <p className="muted small">{t(lang, 'form.order.status', { status: order.status })}</p>
        )}
        <OrderItems items={order.items} update={update} errors={errors} lang={lang} />
      </section>

      <section className="form-section" aria-labelledby="problem-heading">
        <h2 id="problem-heading">{t(lang, 'form.problem.heading')}</h2>
        {CHOICES.map(({ path, text, options }) => (
          <SelectField<string>
            key={path}
            path={path}
            label={t(lang, text)}
            placeholder={t(lang, `${text}.placeholder`)}
            value={fields[path]}
            required
            errors={errors}
            options={options.map(({ value, words }) => ({ value, label: t(lang, words) }))}
            onChange={(value) => update((f) => ({ ...f, [path]: value }) as Fields)}
          />
        ))}
        <LimitedText
          path="description"
          text="form.description"
          value={fields.description}
          max={MAX_DESCRIPTION_LENGTH}
          form={{ errors, lang }}
          onChange={(description) => update((f) => ({ ...f, description }))}
        />{' '}
      </section>

      <EvidenceSection evidence={evidence} lang={lang} />

      <section className="form-section" aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t(lang, 'form.contact.heading')}</h2>
        <p className="muted small">{t(lang, 'form.contact.help')}</p>
        <div className="form-grid">
          {CONTACT.map(({ key, label, type, autoComplete }) => (
            <TextField
              key={key}
              path={`contact.${key}`}
              type={type}
              autoComplete={autoComplete}
              label={t(lang, label)}
              value={fields.contact[key]}
              errors={errors}
              onChange={(value) => update((f) => ({ ...f, contact: { ...f.contact, [key]: value } }))}
            />
          ))}
        </div>
      </section>

      <fieldset className="form-section consent">
        <legend>
          <h2>{t(lang, 'form.consent.heading')}</h2>
        </legend>
        <p className="muted small">{t(lang, 'form.consent.help')}</p>
        {CONSENT.map(({ key, label, why }) => (
          <CheckboxField
            key={key}
            path={`consent.${key}`}
            label={t(lang, label)}
            help={t(lang, why, { platform })}
            checked={fields.consent[key]}
            onChange={(v) => update((f) => ({ ...f, consent: { ...f.consent, [key]: v } }))}
          />
        ))}
      </fieldset>
    </>
  );
}

function OrderItems({
  items,
  update,
  errors,
  lang,
}: {
  items: readonly DraftOrderItem[];
  update: Update;
  errors: Errors;
  lang: Language;
}) {
  const setItems = (fn: (items: DraftOrderItem[]) => DraftOrderItem[]) =>
    update((f) => ({ ...f, order: { ...f.order, items: fn(f.order.items) } }));
  const setItem = (index: number, patch: Partial<DraftOrderItem>) =>
    setItems((all) => all.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  return (
    <fieldset className="items">
      <legend>{t(lang, 'form.items.heading')}</legend>
      {items.length === 0 && <p className="muted">{t(lang, 'form.items.empty')}</p>}
      {errors['order.items'] && <p className="field-error">{errors['order.items']}</p>}
      {items.map((item, i) => {
        const n = String(i + 1);
        const base = `order.items.${i}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: items have no id; their position is what the request names.
          <fieldset key={i} className="item" data-item={i}>
            <legend>{t(lang, 'form.items.item', { n })}</legend>
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
              <MoneyField
                path={`${base}.unitPrice`}
                label={t(lang, 'form.items.unitPrice')}
                value={item.unitPrice}
                lang={lang}
                errors={errors}
                onChange={(unitPrice) => setItem(i, { unitPrice })}
              />
            </div>
            <button
              type="button"
              className="link-button"
              onClick={() => setItems((all) => all.filter((_, j) => j !== i))}
            >
              {t(lang, 'form.items.remove', { n })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="button" onClick={() => setItems((all) => [...all, { ...EMPTY_ITEM }])}>
        {t(lang, 'form.items.add')}
      </button>
    </fieldset>
  );
}
