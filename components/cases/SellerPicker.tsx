/**
 * Whom the complaint is about, when the order page named no seller the registry knows (its shop
 * only as text): the shopper pastes the shop's link, read by the marketplace's own URL grammar
 * (lib/cases/seller-link.ts), or picks one of the sellers this tab showed. Nothing is fetched; the
 * choice stays in the draft until the shopper sends it.
 */
import { useEffect, useRef, useState } from 'react';
import type { ComplaintDraftFields, Draft, DraftSeller } from '../../lib/cases/model';
import { sellerFromLink } from '../../lib/cases/seller-link';
import { type Language, PLATFORM_NAMES, t } from '../../lib/i18n';
import { type Errors, TextField } from './fields';
import { SellerFacts } from './form-parts';

type Fields = ComplaintDraftFields;

export function SellerPicker({
  draft,
  fields,
  update,
  errors,
  lang,
}: {
  draft: Draft;
  fields: Fields;
  update: (change: (fields: Fields) => Fields) => void;
  errors: Errors;
  lang: Language;
}) {
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [chosen, setChosen] = useState(false);
  const change = useRef<HTMLButtonElement>(null);
  const platform = PLATFORM_NAMES[draft.platform];
  const seller = fields.seller;
  const choices = fields.sellerChoices ?? [];

  // Keyboard users stay where the form went: on the button that undoes the choice.
  useEffect(() => {
    if (chosen) change.current?.focus();
  }, [chosen]);

  const choose = (picked: DraftSeller) => {
    update((f) => ({ ...f, seller: { key: picked.key, name: picked.name ?? f.seller.name } }));
    setProblem(null);
    setChosen(true);
  };
  const useLink = () => {
    const read = sellerFromLink(link, draft.platform);
    if (!read.ok) {
      setProblem(t(lang, `form.seller.link.${read.problem}`, { platform }));
      return;
    }
    choose({ key: read.key, name: null });
  };

  if (seller.key) {
    return (
      <div className="seller-picked">
        <SellerFacts seller={seller} platform={draft.platform} lang={lang} />
        {chosen && (
          <p role="status" className="muted small">
            {t(lang, 'form.seller.chosen', { seller: seller.name?.trim() || seller.key })}
          </p>
        )}
        <button
          ref={change}
          type="button"
          className="link-button"
          onClick={() => {
            update((f) => ({ ...f, seller: { key: '', name: f.seller.name } }));
            setChosen(false);
          }}
        >
          {t(lang, 'form.seller.change')}
        </button>
      </div>
    );
  }

  const shop = seller.name?.trim();
  const shown: Errors =
    problem !== null ? { seller: problem } : errors.seller ? { seller: t(lang, 'form.seller.required') } : {};
  return (
    <div className="seller-picker notice notice--warning" data-view="seller-picker">
      <p>
        {t(lang, 'form.seller.missing', {
          shop: shop ? t(lang, 'form.seller.shopOnPage', { shop }) : '',
        })}
      </p>
      <TextField
        path="seller"
        type="url"
        label={t(lang, 'form.seller.link', { platform })}
        help={t(lang, 'form.seller.link.help')}
        value={link}
        required
        errors={shown}
        onChange={(v) => {
          setLink(v);
          setProblem(null);
        }}
      />
      <button type="button" className="button" onClick={useLink}>
        {t(lang, 'form.seller.link.use')}
      </button>
      {choices.length > 0 && (
        <fieldset className="seller-choices">
          <legend>{t(lang, 'form.seller.seen')}</legend>
          <ul>
            {choices.map((c) => (
              <li key={c.key}>
                <button type="button" className="button" onClick={() => choose(c)}>
                  {t(lang, 'form.seller.pick', { seller: c.name?.trim() || c.key })}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </div>
  );
}
