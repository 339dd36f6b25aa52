/**
 * Options: registry address, language, badges on listings, snoozed sellers, the watch list. Every change is
 * confirmed on screen; messages are kept as keys so that they follow a language switch.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { askBackground } from '../../components/ask';
import { useDocumentLanguage, useSettings } from '../../components/hooks';
import {
  formatDate,
  formatDateTime,
  LANGUAGE_NAMES,
  LANGUAGES,
  type Language,
  type MessageKey,
  PLATFORM_NAMES,
  t,
} from '../../lib/i18n';
import type { SettingsPatch, SiteRulesStatus } from '../../lib/messaging';
import { parseSellerKey } from '../../lib/registry/seller-key';
import { DEFAULT_SETTINGS, registryBaseUrl, type Settings } from '../../lib/settings';
import { checkRegistryUrl } from './registry-url';
import { WatchList } from './WatchList';
import '../../components/ui.css';
import './style.css';

type Status = { kind: 'ok' | 'error'; key: MessageKey } | null;

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** A live region that is always in the page, so screen readers announce what appears in it. */
function StatusLine({ id, status, lang }: { id?: string; status: Status; lang: Language }) {
  return (
    <p id={id} role="status" className={status ? `status status--${status.kind}` : 'status'}>
      {status ? t(lang, status.key) : ''}
    </p>
  );
}

export function OptionsApp() {
  const [settings, setSettings] = useSettings();
  const lang = settings?.language ?? 'vi';
  useDocumentLanguage(lang, t(lang, 'options.title'));
  if (settings === null) return <p role="status">{t(lang, 'common.loading')}</p>;
  return <OptionsForm settings={settings} setSettings={setSettings} />;
}

function OptionsForm({ settings, setSettings }: { settings: Settings; setSettings: (s: Settings) => void }) {
  const lang = settings.language;
  const ids = {
    url: useId(),
    urlHelp: useId(),
    urlStatus: useId(),
    lang: useId(),
    listing: useId(),
    snoozed: useId(),
  };
  // null: the field shows the saved value; a string: what the shopper is typing.
  const [urlDraft, setUrlDraft] = useState<string | null>(null);
  const [registryStatus, setRegistryStatus] = useState<Status>(null);
  const [generalStatus, setGeneralStatus] = useState<Status>(null);
  const [snoozeStatus, setSnoozeStatus] = useState<Status>(null);
  const urlValue = urlDraft ?? settings.registryUrl ?? '';

  const save = async (patch: SettingsPatch, report: (s: Status) => void, done: MessageKey) => {
    try {
      // Written by the background, in turn with its own settings writes (snoozes).
      setSettings(await askBackground('page:save-settings', { patch }));
      report({ kind: 'ok', key: done });
      return true;
    } catch {
      report({ kind: 'error', key: 'options.saveError' });
      return false;
    }
  };

  const resetRegistry = async () => {
    if (await save({ registryUrl: null }, setRegistryStatus, 'options.registry.resetDone')) setUrlDraft(null);
  };

  const submitRegistry = async (event: FormEvent) => {
    event.preventDefault();
    if (urlValue.trim() === '') return resetRegistry();
    const check = checkRegistryUrl(urlValue);
    if (!check.ok) {
      setRegistryStatus({ kind: 'error', key: check.error });
      return;
    }
    // Must be the first await: browsers grant permission requests only during the user's gesture.
    let granted = false;
    try {
      granted = await browser.permissions.request({ origins: [check.permission] });
    } catch {
      granted = false;
    }
    if (!granted) {
      setRegistryStatus({ kind: 'error', key: 'options.registry.permissionDenied' });
      return;
    }
    if (await save({ registryUrl: check.url }, setRegistryStatus, 'options.registry.saved'))
      setUrlDraft(null);
  };

  const changeLanguage = (value: string) => {
    if (!isLanguage(value)) return;
    // Re-render in the new language at once; storage catches up.
    setSettings({ ...settings, language: value });
    void save({ language: value }, setGeneralStatus, 'options.saved');
  };

  const changeListing = (on: boolean) => {
    setSettings({ ...settings, listingBadges: on });
    void save({ listingBadges: on }, setGeneralStatus, 'options.saved');
  };

  const unsnooze = async (key: string) => {
    try {
      // The background owns snoozing and refreshes the open pages' badges.
      await askBackground('page:snooze', { key, snoozed: false });
      setSnoozeStatus({ kind: 'ok', key: 'options.saved' });
    } catch {
      setSnoozeStatus({ kind: 'error', key: 'options.saveError' });
    }
  };

  const urlError = registryStatus?.kind === 'error';
  const snoozed = Object.entries(settings.snoozed).sort(([a], [b]) => a.localeCompare(b));

  return (
    <main className="options">
      <h1>{t(lang, 'options.title')}</h1>

      <section className="card" aria-labelledby={`${ids.url}-h`}>
        <h2 id={`${ids.url}-h`}>{t(lang, 'options.registry.heading')}</h2>
        <form onSubmit={(e) => void submitRegistry(e)} noValidate>
          <label htmlFor={ids.url}>{t(lang, 'options.registry.label')}</label>
          <input
            id={ids.url}
            name="registryUrl"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={urlValue}
            placeholder={registryBaseUrl(DEFAULT_SETTINGS)}
            aria-invalid={urlError || undefined}
            aria-describedby={`${ids.urlHelp} ${ids.urlStatus}`}
            onChange={(e) => {
              setUrlDraft(e.currentTarget.value);
              setRegistryStatus(null);
            }}
          />
          <p id={ids.urlHelp} className="muted small">
            {t(lang, 'options.registry.help', { url: registryBaseUrl(DEFAULT_SETTINGS) })}
          </p>
          <div className="row">
            <button type="submit" className="button button--primary">
              {t(lang, 'options.registry.save')}
            </button>
            <button type="button" className="button" onClick={() => void resetRegistry()}>
              {t(lang, 'options.registry.reset')}
            </button>
          </div>
          <StatusLine id={ids.urlStatus} status={registryStatus} lang={lang} />
        </form>
        <SiteRulesLine lang={lang} />
      </section>

      <section className="card" aria-labelledby={`${ids.lang}-h`}>
        <h2 id={`${ids.lang}-h`}>{t(lang, 'options.language.heading')}</h2>
        <label htmlFor={ids.lang}>{t(lang, 'options.language.label')}</label>
        <select id={ids.lang} value={lang} onChange={(e) => changeLanguage(e.currentTarget.value)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </section>

      <section className="card" aria-labelledby={`${ids.listing}-h`}>
        <h2 id={`${ids.listing}-h`}>{t(lang, 'options.listing.heading')}</h2>
        <div className="check">
          <input
            id={ids.listing}
            type="checkbox"
            checked={settings.listingBadges}
            onChange={(e) => changeListing(e.currentTarget.checked)}
          />
          <label htmlFor={ids.listing}>{t(lang, 'options.listing.label')}</label>
        </div>
        <StatusLine status={generalStatus} lang={lang} />
      </section>

      <section className="card" aria-labelledby={ids.snoozed}>
        <h2 id={ids.snoozed}>{t(lang, 'options.snoozed.heading')}</h2>
        {snoozed.length === 0 ? (
          <p className="muted">{t(lang, 'options.snoozed.empty')}</p>
        ) : (
          <ul className="snoozed">
            {snoozed.map(([key, since]) => {
              const label = sellerLabel(key, settings.snoozedNames[key]);
              return (
                <li key={key}>
                  <span>
                    <span className="snoozed__seller">{label}</span>
                    <br />
                    <span className="muted small">
                      {t(lang, 'options.snoozed.since', { date: formatDate(since, lang) })}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="button"
                    aria-label={t(lang, 'options.snoozed.unsnoozeLabel', { seller: label })}
                    onClick={() => void unsnooze(key)}
                  >
                    {t(lang, 'options.snoozed.unsnooze')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <StatusLine status={snoozeStatus} lang={lang} />
      </section>

      <WatchList
        settings={settings}
        save={async (patch, report) => {
          if (patch.watchSellers !== undefined)
            setSettings({ ...settings, watchSellers: patch.watchSellers });
          return save(patch, (s) => report(s?.kind !== 'error'), 'options.saved');
        }}
      />
      <MyDataCard lang={lang} />
    </main>
  );
}

/** rules (issue 12): which site rules read the marketplaces' pages, as the background says. */
function SiteRulesLine({ lang }: { lang: Language }) {
  const [status, setStatus] = useState<SiteRulesStatus | null>(null);
  useEffect(() => {
    let live = true;
    askBackground('page:site-rules', {})
      .then((s) => {
        if (live) setStatus(s);
      })
      .catch(() => {
        if (live) setStatus({ version: null, appliedAt: null, expiresAt: null });
      });
    return () => {
      live = false;
    };
  }, []);
  if (!status) return null;
  return (
    <div data-view="site-rules">
      <p>
        {status.version !== null && status.appliedAt !== null
          ? t(lang, 'options.rules.version', {
              version: String(status.version),
              time: formatDateTime(status.appliedAt, lang),
            })
          : t(lang, 'options.rules.builtIn')}
      </p>
      <p className="muted small">{t(lang, 'options.rules.help')}</p>
    </div>
  );
}

/**
 * The shopper's complaints and their data (export, delete) live on the complaint page; reachable
 * from here too (issue 11), in a new tab: the options page may be shown inside the browser's own.
 */
function MyDataCard({ lang }: { lang: Language }) {
  const headingId = useId();
  const page = browser.runtime.getURL('/complaint.html');
  return (
    <section className="card" aria-labelledby={headingId} data-view="my-data-links">
      <h2 id={headingId}>{t(lang, 'options.data.heading')}</h2>
      <p className="muted">{t(lang, 'options.data.body')}</p>
      <ul className="data-links">
        <li>
          <a href={`${page}#cases`} target="_blank" rel="noopener">
            {t(lang, 'options.data.cases')}{' '}
            <span className="visually-hidden">{t(lang, 'common.opensInNewTab')}</span>
          </a>
        </li>
        <li>
          <a href={`${page}#data`} target="_blank" rel="noopener">
            {t(lang, 'options.data.open')}{' '}
            <span className="visually-hidden">{t(lang, 'common.opensInNewTab')}</span>
          </a>
        </li>
      </ul>
    </section>
  );
}

/** "Shopee · 672907573" for a stored key; the key itself if it is not one we understand. */
/** "Sendo · Vivan Official Store": the marketplace and the seller's name; its id only when no name is known. */
function sellerLabel(key: string, name?: string): string {
  const parsed = parseSellerKey(key);
  if (!parsed) return name?.trim() || key;
  return `${PLATFORM_NAMES[parsed.platform]} · ${name?.trim() || `${parsed.alias ? '@' : ''}${parsed.id}`}`;
}
