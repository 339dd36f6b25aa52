/**
 * The parts of the case form that every kind shows, written once (CaseFields.tsx picks the
 * kind's own fields): whom the case is about, long text with what the registry will take, the
 * evidence; and what a kind's fields receive.
 */
import type { ReactNode } from 'react';
import type { Draft, DraftSeller } from '../../lib/cases/model';
import { type Language, PLATFORM_NAMES, t } from '../../lib/i18n';
import type { Platform } from '../../lib/registry/seller-key';
import { type Errors, TextArea } from './fields';

/** What a kind's fields get: its part of the draft and a way to change it. */
export interface KindFieldsProps<F> {
  draft: Draft;
  fields: F;
  update: (change: (fields: F) => F) => void;
  errors: Errors;
  lang: Language;
  /** The evidence editor, placed where the kind's form wants it. */
  evidence: ReactNode;
  /** Order codes of the shopper's complaints about this seller (reports offer them). */
  myOrderCodes: readonly string[];
}

/** "<seller> on <marketplace>": whom the case is about. */
export function SellerFacts({
  seller,
  platform,
  lang,
}: {
  seller: DraftSeller;
  platform: Platform;
  lang: Language;
}) {
  return (
    <dl className="facts">
      <div>
        <dt>{t(lang, 'form.seller')}</dt>
        <dd>
          {t(lang, 'form.sellerOn', {
            seller: seller.name?.trim() || seller.key,
            platform: PLATFORM_NAMES[platform],
          })}
        </dd>
      </div>
    </dl>
  );
}

/** What every field of a form needs besides its own value: the errors to show, the language. */
export interface FormContext {
  errors: Errors;
  lang: Language;
}

/**
 * Long free text, with a live count of what the registry takes (`max` after trimming). Its label
 * is the message `text`, its help `text.help`.
 */
export function LimitedText({
  path,
  text,
  value,
  max,
  form,
  onChange,
}: {
  path: string;
  text: 'form.description' | 'report.reason';
  value: string;
  max: number;
  form: FormContext;
  onChange: (value: string) => void;
}) {
  const { errors, lang } = form;
  const counter = t(lang, 'form.counter', { count: value.normalize('NFC').trim().length, max });
  const common = { path, errors, value, onChange, counter, required: true };
  return <TextArea {...common} label={t(lang, text)} help={t(lang, `${text}.help`)} />;
}

export function EvidenceSection({ evidence, lang }: { evidence: ReactNode; lang: Language }) {
  return (
    <section className="form-section" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">{t(lang, 'evidence.heading')}</h2>
      {evidence}
    </section>
  );
}
