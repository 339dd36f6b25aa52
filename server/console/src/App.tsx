import { useEffect, useRef, useState } from 'react';
import { api, session, type WhoAmI } from './api';
import { type Lang, t } from './i18n';
import { href, useRoute } from './router';
import { screensFor } from './screens';
import { SignIn } from './screens/SignIn';

export function App() {
  const [lang, setLang] = useState<Lang>(() =>
    sessionStorage.getItem('antam-console-lang') === 'en' ? 'en' : 'vi',
  );
  const [me, setMe] = useState<WhoAmI | null>(null);
  const [checking, setChecking] = useState(() => session.key() !== null);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t(lang, 'title');
    sessionStorage.setItem('antam-console-lang', lang);
  }, [lang]);

  // A key kept from earlier in this tab's session signs in again after a reload.
  useEffect(() => {
    const key = session.key();
    if (!key) return;
    api
      .whoami(key)
      .then(setMe)
      .catch(() => session.clear())
      .finally(() => setChecking(false));
  }, []);

  const signOut = () => {
    session.clear();
    setMe(null);
  };

  return (
    <div className="console">
      <header className="top">
        <span className="brand">{t(lang, 'title')}</span>
        <button
          type="button"
          className="link"
          lang={lang === 'vi' ? 'en' : 'vi'}
          onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
        >
          {t(lang, 'language')}
        </button>
        {me && (
          <>
            <span className="who" data-role={me.role}>
              {t(lang, 'signedInAs', { role: t(lang, `role.${me.role}`), label: me.label })}
            </span>
            <button type="button" onClick={signOut}>
              {t(lang, 'signOut')}
            </button>
          </>
        )}
      </header>
      {checking ? (
        <main>
          <p>{t(lang, 'loading')}</p>
        </main>
      ) : me === null ? (
        <main>
          <SignIn lang={lang} onSignedIn={setMe} />
        </main>
      ) : (
        <SignedIn lang={lang} me={me} />
      )}
    </div>
  );
}

/** The role's menu and the screen the address names (the role's home when it names none). */
function SignedIn({ lang, me }: { lang: Lang; me: WhoAmI }) {
  const route = useRoute();
  const screens = screensFor(me.role);
  const current = route.screen === '' ? screens[0] : screens.find((s) => s.id === route.screen);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After moving to another screen, focus goes to its heading, as a page load would put a screen
  // reader at the top of the new page (not on the first render: the sign-in already moved focus).
  const where = `${route.screen}/${route.params.join('/')}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of address
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => {
      const heading = main.current?.querySelector('h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }, 0);
    return () => clearTimeout(timer);
  }, [where]);

  return (
    <>
      {screens.length > 1 && (
        <nav className="menu" aria-label={t(lang, 'menu')}>
          <ul>
            {screens.map((s) => (
              <li key={s.id}>
                <a href={href(s.id)} aria-current={s === current ? 'page' : undefined}>
                  {s.label[lang]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main ref={main}>
        {current ? (
          current.render({ lang, me, params: route.params })
        ) : (
          <section>
            <h1>{t(lang, 'notHere.heading')}</h1>
            <p>{t(lang, 'notHere.text')}</p>
            {screens[0] && <a href={href(screens[0].id)}>{screens[0].label[lang]}</a>}
          </section>
        )}
      </main>
    </>
  );
}
