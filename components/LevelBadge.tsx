import type { CSSProperties } from 'react';
import { type Language, t } from '../lib/i18n';
import { BADGE_COLOR, BADGE_ICON, BADGE_WORDS, type BadgeState } from '../lib/i18n/badge';
import './ui.css';

interface LevelBadgeProps {
  state: BadgeState;
  lang: Language;
  size?: 'small' | 'large';
}

/**
 * The level as icon + word on the level's colour: the shape and the word carry the meaning, so it
 * never rests on colour alone. Same words, icons and colours as the badges on marketplace pages.
 */
export function LevelBadge({ state, lang, size = 'small' }: LevelBadgeProps) {
  const words = BADGE_WORDS[lang][state];
  const style = { '--level-color': BADGE_COLOR[state] } as CSSProperties;
  return (
    <span className={`level-badge level-badge--${size}`} data-level={state} style={style} title={words.title}>
      <span className="visually-hidden">{t(lang, 'level.heading')}: </span>
      <span className="level-badge__icon" aria-hidden="true">
        {BADGE_ICON[state]}
      </span>
      <span className="level-badge__word">{words.label}</span>
    </span>
  );
}
