/**
 * The first-run page, opened once on install (lib/background/welcome.ts): what the badges and the
 * levels mean — each level's badge (icon and word) and the rule that produces it, from the same
 * description as the registry's /levels page (lib/registry/level-rules.ts, lib/i18n/levels.ts) —,
 * what leaves the browser, links to the options and the registry's rules, and, where the browser
 * makes host permissions opt-in (Firefox), a button that asks for the marketplaces.
 */
import { useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { askBackground } from '../../components/ask';
import { useDocumentLanguage, useSettings } from '../../components/hooks';
import { LANGUAGE_NAMES, LANGUAGES, type Language, t } from '../../lib/i18n';
import { BADGE_COLOR, BADGE_ICON, BADGE_WORDS, type BadgeState } from '../../lib/i18n/badge';
import { conditionText, LEVEL_MEANING, RULE_MATCH } from '../../lib/i18n/levels';
import { MATCHES } from '../../lib/marketplaces';
import { LEVEL_RULES } from '../../lib/registry/level-rules';
import { registryBaseUrl } from '../../lib/settings';
import '../../components/ui.css';
import './style.css';

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

function Badge({ state, lang }: { state: BadgeState; lang: Language }) {
  return (
    <span className="level-badge" style={{ color: BADGE_COLOR[state] }} data-level={state}>
      <span aria-hidden="true">{BADGE_ICON[state]}</span>
      {BADGE_WORDS[lang][state].label}
    </span>
  );
}

type Permission = 'unknown' | 'granted' | 'missing' | 'denied';

/** Whether the marketplaces' pages are ours to read: always so in Chromium, opt-in in Firefox. */
function useMarketplaceAccess(): [Permission, () => Promise<void>] {
  const [state, setState] = useState<Permission>('unknown');
  useEffect(() => {
    browser.permissions.contains({ origins: [...MATCHES] }).then(
      (has) => setState(has ? 'granted' : 'missing'),
      () => setState('granted'), // nothing to ask for where the API cannot tell
    );
  }, []);
  const ask = async () => {
    let granted = false;
    try {
      // The first await of the click: browsers grant requests only during the user's gesture.
      granted = await browser.permissions.request({ origins: [...MATCHES] });
    } catch {
      granted = false;
    }
    setState(granted ? 'granted' : 'denied');
  };
  return [state, ask];
}

export function WelcomeApp() {
  const [settings, setSettings] = useSettings();
  const lang = settings?.language ?? 'vi';
  useDocumentLanguage(lang, `${t(lang, 'welcome.title')} · An Tâm`);
  const ids = { lang: useId(), levels: useId(), privacy: useId(), perm: useId(), links: useId() };
  const [access, askAccess] = useMarketplaceAccess();
  // Shown once asked for, even after a grant: the shopper sees the answer to the click.
  const [asked, setAsked] = useState(false);

  if (settings === null) return <p role="status">{t(lang, 'common.loading')}</p>;

  const registry = registryBaseUrl(settings);
  const levelsUrl = `${registry}/levels${lang === 'en' ? '?lang=en' : ''}`;

  const changeLanguage = (value: string) => {
    if (!isLanguage(value)) return;
    setSettings({ ...settings, language: value });
    void askBackground('page:save-settings', { patch: { language: value } }).catch(() => undefined);
  };

  return (
    <main className="welcome">
      <div className="welcome__top">
        <h1>{t(lang, 'welcome.title')}</h1>
        <span>
          <label htmlFor={ids.lang} className="muted small">
            {t(lang, 'options.language.label')}{' '}
          </label>
          <select id={ids.lang} value={lang} onChange={(e) => changeLanguage(e.currentTarget.value)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </span>
      </div>
      <p>{t(lang, 'welcome.intro')}</p>

      {(access === 'missing' || access === 'denied' || asked) && (
        <section aria-labelledby={ids.perm} data-section="permission">
          <h2 id={ids.perm}>{t(lang, 'welcome.permission.heading')}</h2>
          <p>{t(lang, 'welcome.permission.text')}</p>
          {access !== 'granted' && (
            <div>
              <button
                type="button"
                className="button button--primary"
                onClick={() => {
                  setAsked(true);
                  void askAccess();
                }}
              >
                {t(lang, 'welcome.permission.button')}
              </button>
            </div>
          )}
          <p role="status">
            {access === 'granted' && asked ? t(lang, 'welcome.permission.granted') : ''}
            {access === 'denied' ? t(lang, 'welcome.permission.denied') : ''}
          </p>
        </section>
      )}

      <section aria-labelledby={ids.levels} data-section="levels">
        <h2 id={ids.levels}>{t(lang, 'welcome.levels.heading')}</h2>
        <p>{t(lang, 'welcome.levels.intro')}</p>
        <ul className="levels">
          {LEVEL_RULES.map((rule) => (
            <li key={rule.level} data-level={rule.level}>
              <h3>
                <Badge state={rule.level} lang={lang} />
              </h3>
              <p>{LEVEL_MEANING[lang][rule.level]}</p>
              <p>{RULE_MATCH[lang][rule.match]}</p>
              {rule.conditions.length > 0 && (
                <ul>
                  {rule.conditions.map((condition) => (
                    <li key={condition.code}>{conditionText(condition, lang)}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
          <li data-level="unavailable">
            <h3>
              <Badge state="unavailable" lang={lang} />
            </h3>
            <p>{t(lang, 'welcome.levels.unavailable')}</p>
          </li>
        </ul>
      </section>

      <section aria-labelledby={ids.privacy} data-section="privacy">
        <h2 id={ids.privacy}>{t(lang, 'welcome.privacy.heading')}</h2>
        <p>{t(lang, 'welcome.privacy.lookup')}</p>
        <p>{t(lang, 'welcome.privacy.cases')}</p>
        <p>{t(lang, 'welcome.privacy.watch')}</p>
      </section>

      <section aria-labelledby={ids.links} data-section="links">
        <h2 id={ids.links}>{t(lang, 'welcome.links.heading')}</h2>
        <ul>
          <li>
            <a
              href={browser.runtime.getURL('/options.html')}
              onClick={(e) => {
                e.preventDefault();
                void browser.runtime.openOptionsPage();
              }}
            >
              {t(lang, 'welcome.links.options')}
            </a>
          </li>
          <li>
            <a href={levelsUrl} target="_blank" rel="noopener noreferrer">
              {t(lang, 'welcome.links.levels', { host: new URL(registry).host })}
            </a>
          </li>
        </ul>
      </section>
    </main>
  );
}
