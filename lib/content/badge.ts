/**
 * Badges are plain DOM in shadow roots (no React in the content script): the host element carries
 * `data-antam="badge"` and `data-level`, the shadow root (closed: see pill.ts) holds an icon and a
 * word, so the level never rests on colour alone. All text goes in through textContent, never markup.
 */
import { BADGE_COLOR, BADGE_ICON, BADGE_WORDS, type BadgeState, type Language } from '../i18n/badge';
import { createPill, ownShadowRoot } from './pill';

export const BADGE_TAG = 'antam-badge';

const STYLE = `
button { padding: 3px 8px; color: #fff; background: var(--c); border: 1px solid rgba(0,0,0,.15); }
.i { font-size: 11px; }
`;

export interface BadgeElement extends HTMLElement {
  antamKey?: string;
}

/** Creates a badge for a seller key; `onOpen` runs when the shopper activates it. */
export function createBadge(doc: Document, key: string, onOpen: (badge: BadgeElement) => void): BadgeElement {
  const { host, button } = createPill<BadgeElement>(doc, BADGE_TAG, 'badge', STYLE, () => onOpen(host));
  host.antamKey = key;
  const icon = doc.createElement('span');
  icon.className = 'i';
  icon.setAttribute('aria-hidden', 'true');
  const word = doc.createElement('span');
  word.className = 'w';
  button.append(icon, word);
  return host;
}

export function setBadgeState(host: BadgeElement, state: BadgeState, lang: Language): void {
  if (host.dataset.level === state && host.dataset.lang === lang) return;
  host.dataset.level = state;
  host.dataset.lang = lang;
  const root = ownShadowRoot(host);
  const button = root?.querySelector('button');
  if (!root || !button) return;
  const words = BADGE_WORDS[lang][state];
  button.style.setProperty('--c', BADGE_COLOR[state]);
  button.title = words.title;
  button.setAttribute('aria-label', words.title);
  const icon = root.querySelector('.i');
  const word = root.querySelector('.w');
  if (icon) icon.textContent = BADGE_ICON[state];
  if (word) word.textContent = words.label;
}
