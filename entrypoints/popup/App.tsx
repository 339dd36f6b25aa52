/**
 * The toolbar popup: what An Tâm knows about the seller of the active tab, as the background saw
 * it (`page:tab-state`); the full record opens in the panel page.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useDocumentLanguage, useSettings } from '../../components/hooks';
import { LevelBadge } from '../../components/LevelBadge';
import { ReasonList } from '../../components/ReasonList';
import { SnoozeToggle } from '../../components/SnoozeToggle';
import { type Language, PLATFORM_NAMES, t } from '../../lib/i18n';
import { levelOf, sendToBackground, type TabState } from '../../lib/messaging';
import { parseSellerKey } from '../../lib/registry/seller-key';
import './style.css';

/** How many reasons the summary shows; the panel shows them all. */
const TOP_REASONS = 3;

type View = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; state: TabState };

async function activeTabState(): Promise<TabState> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  // A tab without an id (devtools, some browser pages) is never a marketplace page.
  if (tab?.id === undefined) return { page: null, result: null };
  return sendToBackground('page:tab-state', { tabId: tab.id });
}

export function PopupApp() {
  const [settings] = useSettings();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const lang = settings?.language ?? 'vi';
  useDocumentLanguage(lang, t(lang, 'app.name'));

  useEffect(() => {
    let alive = true;
    activeTabState().then(
      (state) => alive && setView(state ? { kind: 'ready', state } : { kind: 'failed' }),
      () => alive && setView({ kind: 'failed' }),
    );
    return () => {
      alive = false;
    };
  }, []);

  return (
    <div className="popup">
      <header className="popup__bar">
        <h1 className="popup__brand">{t(lang, 'app.name')}</h1>
      </header>
      <main className="popup__body">
        {view.kind === 'loading' || settings === null ? (
          <p role="status">{t(lang, 'common.loading')}</p>
        ) : view.kind === 'failed' ? (
          <p role="alert">{t(lang, 'trust.unavailable.body')}</p>
        ) : (
          <TabSummary state={view.state} lang={lang} listingBadges={settings.listingBadges} />
        )}
      </main>
      <footer className="popup__footer">
        <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t(lang, 'popup.settings')}
        </button>
      </footer>
    </div>
  );
}

function TabSummary({
  state,
  lang,
  listingBadges,
}: {
  state: TabState;
  lang: Language;
  listingBadges: boolean;
}) {
  const { page, result } = state;
  if (page === null) {
    return (
      <div className="popup__message" data-view="not-marketplace">
        <p>
          <strong>{t(lang, 'popup.notMarketplace')}</strong>
        </p>
        <p className="muted">{t(lang, 'popup.supported')}</p>
      </div>
    );
  }
  if (page.kind === 'listing') {
    return (
      <div className="popup__message" data-view="listing">
        <p>
          <strong>{t(lang, 'popup.listing')}</strong>
        </p>
        {!listingBadges && <p className="muted">{t(lang, 'popup.listingOff')}</p>}
      </div>
    );
  }
  if (page.sellerKey === null) {
    return (
      <div className="popup__message" data-view="no-seller">
        <p>{t(lang, 'popup.noSeller', { platform: PLATFORM_NAMES[page.platform] })}</p>
      </div>
    );
  }

  const key = page.sellerKey;
  const record = result?.status === 'found' ? result.record : null;
  const parsed = parseSellerKey(key);
  const name =
    record?.name?.trim() ||
    page.sellerName?.trim() ||
    t(lang, 'trust.sellerFallback', { id: parsed ? (parsed.alias ? `@${parsed.id}` : parsed.id) : key });
  const detailsUrl = `${browser.runtime.getURL('/panel.html')}#key=${encodeURIComponent(key)}`;

  return (
    <section className="seller" aria-labelledby="seller-name" data-view="seller">
      <h2 id="seller-name" className="seller__name">
        {name}
      </h2>
      <p className="muted">{t(lang, 'trust.onPlatform', { platform: PLATFORM_NAMES[page.platform] })}</p>
      <LevelBadge state={levelOf(result)} lang={lang} size="large" />
      {record?.demo && (
        <p className="notice notice--demo" role="note">
          {t(lang, 'trust.demo')}
        </p>
      )}
      {record ? (
        <div className="seller__reasons">
          <h3>{t(lang, 'popup.topReasons')}</h3>
          <ReasonList reasons={record.reasons} lang={lang} limit={TOP_REASONS} />
        </div>
      ) : result?.status === 'absent' ? (
        <p>
          {t(lang, 'trust.absent.body')} <span className="muted">{t(lang, 'trust.absent.note')}</span>
        </p>
      ) : (
        <p>{t(lang, 'trust.unavailable.body')}</p>
      )}
      <p>
        <a href={detailsUrl} target="_blank" rel="noopener">
          {t(lang, 'popup.openDetails')}
        </a>
      </p>
      {result?.status === 'found' && <SnoozeToggle sellerKey={key} snoozed={result.snoozed} lang={lang} />}
    </section>
  );
}
