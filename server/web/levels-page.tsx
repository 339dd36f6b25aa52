/** @jsxRuntime automatic @jsxImportSource react */
// (tsx, which runs the registry, would otherwise compile JSX for a global React.)
/**
 * `/levels`: what each level means and exactly which facts produce it, rendered from LEVEL_RULES
 * (server/trust/rules.ts), the description tests/unit/level-rules.test.ts holds to deriveTrust.
 */
import { BADGE_ICON } from '../../lib/i18n/badge';
import { LEVEL_RULES } from '../trust/rules';
import { Page } from './layout';
import { conditionText, type Language, LEVEL_MEANING, levelWord, RULE_MATCH, words } from './text';

export function LevelsPage({ lang }: { lang: Language }) {
  const w = words(lang);
  return (
    <Page
      lang={lang}
      title={`${w.levelsTitle} · ${w.siteName}`}
      description={w.principle}
      switchHref={`/levels?lang=${lang === 'vi' ? 'en' : 'vi'}`}
    >
      <h1>{w.levelsTitle}</h1>
      <p>{w.levelsIntro}</p>
      <section aria-labelledby="principle">
        <h2 id="principle">{w.principleHeading}</h2>
        <p>{w.principle}</p>
        <p>{w.order}</p>
      </section>
      {LEVEL_RULES.map((rule) => (
        <section key={rule.level} aria-labelledby={`level-${rule.level}`} data-level={rule.level}>
          <h2 id={`level-${rule.level}`}>
            <span className={`level lv-${rule.level}`}>
              <span aria-hidden="true">{BADGE_ICON[rule.level]}</span>
              {levelWord(rule.level, lang)}
            </span>
          </h2>
          <p>{LEVEL_MEANING[lang][rule.level]}</p>
          <p>{RULE_MATCH[lang][rule.match]}</p>
          {rule.conditions.length > 0 && (
            <ul>
              {rule.conditions.map((condition) => (
                <li key={condition.code}>{conditionText(condition, lang)}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </Page>
  );
}
