/**
 * Options' "Người bán tôi đã mua": the sellers the background watches for the shopper, each
 * removable, and the switch that turns watching off. The list lives in the background's database
 * (lib/background/watch.ts); this page asks for it and for every change.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { askBackground } from '../../components/ask';
import { formatDate, type Language, type MessageKey, PLATFORM_NAMES, t } from '../../lib/i18n';
import type { SettingsPatch, WatchedSellerView } from '../../lib/messaging';
import type { Settings } from '../../lib/settings';
import { MAX_WATCHED } from '../../lib/store/schema';

type Status = { kind: 'ok' | 'error'; text: string } | null;

export function sellerName(s: Pick<WatchedSellerView, 'name' | 'key'>): string {
  if (s.name) return s.name;
  const colon = s.key.indexOf(':');
  return colon >= 0 ? s.key.slice(colon + 1) : s.key;
}

export function WatchList({
  settings,
  save,
}: {
  settings: Settings;
  save: (patch: SettingsPatch, report: (ok: boolean) => void) => Promise<boolean>;
}) {
  const lang: Language = settings.language;
  const ids = { heading: useId(), toggle: useId(), help: useId() };
  const [sellers, setSellers] = useState<WatchedSellerView[] | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** Where focus goes once a removed row has left the page. */
  const focusAfter = useRef<number | null>(null);

  const load = useCallback(async () => {
    try {
      setSellers((await askBackground('page:watch-list', {})).sellers);
    } catch {
      setStatus({ kind: 'error', text: t(lang, 'options.watch.loadError') });
    }
  }, [lang]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const index = focusAfter.current;
    if (index === null || sellers === null) return;
    focusAfter.current = null;
    // The button that took the removed one's place, else the one before, else the heading: focus
    // never falls back to the page's start.
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [];
    const next = buttons[Math.min(index, buttons.length - 1)];
    (next ?? headingRef.current)?.focus();
  }, [sellers]);

  const remove = async (seller: WatchedSellerView, index: number) => {
    try {
      await askBackground('page:watch-remove', { key: seller.key });
      focusAfter.current = index;
      setStatus({ kind: 'ok', text: t(lang, 'options.watch.removed', { seller: sellerName(seller) }) });
      await load();
    } catch {
      setStatus({ kind: 'error', text: t(lang, 'options.saveError') });
    }
  };

  const toggle = (on: boolean) => {
    void save({ watchSellers: on }, (ok) =>
      setStatus({ kind: ok ? 'ok' : 'error', text: t(lang, ok ? 'options.saved' : 'options.saveError') }),
    );
  };

  const key = (k: MessageKey, params?: Record<string, string | number>) => t(lang, k, params);

  return (
    <section className="card" aria-labelledby={ids.heading} data-section="watch">
      <h2 id={ids.heading} ref={headingRef} tabIndex={-1}>
        {key('options.watch.heading')}
      </h2>
      <p id={ids.help} className="muted small">
        {key('options.watch.help', { max: String(MAX_WATCHED) })}
      </p>
      <div className="check">
        <input
          id={ids.toggle}
          type="checkbox"
          checked={settings.watchSellers}
          aria-describedby={ids.help}
          onChange={(e) => toggle(e.currentTarget.checked)}
        />
        <label htmlFor={ids.toggle}>{key('options.watch.label')}</label>
      </div>
      {!settings.watchSellers && <p>{key('options.watch.off')}</p>}
      {sellers !== null && sellers.length === 0 && <p className="muted">{key('options.watch.empty')}</p>}
      {sellers !== null && sellers.length > 0 && (
        <ul className="snoozed watched" ref={listRef}>
          {sellers.map((seller, index) => {
            const name = sellerName(seller);
            return (
              <li key={seller.key} data-watched={seller.key}>
                <span>
                  <span className="watched__seller">{name}</span>
                  <span className="muted"> · {PLATFORM_NAMES[seller.platform]}</span>
                  <br />
                  <span className="muted small">
                    {key('options.watch.added', {
                      date: formatDate(new Date(seller.addedAt).toISOString(), lang),
                    })}
                  </span>
                  {seller.lastNotice && (
                    <>
                      <br />
                      <span className="small" data-notice>
                        {key('options.watch.lastNotice', {
                          date: formatDate(new Date(seller.lastNotice.at).toISOString(), lang),
                          text: seller.lastNotice.text,
                        })}
                      </span>
                    </>
                  )}
                </span>
                <button
                  type="button"
                  className="button"
                  aria-label={key('options.watch.removeLabel', { seller: name })}
                  onClick={() => void remove(seller, index)}
                >
                  {key('options.watch.remove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" className={status ? `status status--${status.kind}` : 'status'}>
        {status?.text ?? ''}
      </p>
    </section>
  );
}
