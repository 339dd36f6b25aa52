/**
 * Badges are plain DOM in shadow roots (no React in the content script): the host element carries
 * `data-antam="badge"` and `data-level`, the shadow root holds an icon and a word, so the level
 * never rests on colour alone. All text goes in through textContent, never markup.
 */
import { BADGE_COLOR, BADGE_ICON, BADGE_WORDS, type BadgeState, type Language } from '../i18n/badge';

export const BADGE_TAG = 'antam-badge';

const STYLE = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 6px; line-height: 1; }
button {
  all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 4px;
  padding: 3px 8px; border-radius: 999px; cursor: pointer; white-space: nowrap;
  font: 600 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #fff; background: var(--c); border: 1px solid rgba(0,0,0,.15);
}
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
.i { font-size: 11px; }
`;

export interface BadgeElement extends HTMLElement {
  antamKey?: string;
}

/** Creates a badge for a seller key; `onOpen` runs when the shopper activates it. */
export function createBadge(doc: Document, key: string, onOpen: (badge: BadgeElement) => void): BadgeElement {
  const host = doc.createElement(BADGE_TAG) as BadgeElement;
  host.dataset.antam = 'badge';
  host.antamKey = key;
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const button = doc.createElement('button');
  button.type = 'button';
  const icon = doc.createElement('span');
  icon.className = 'i';
  icon.setAttribute('aria-hidden', 'true');
  const word = doc.createElement('span');
  word.className = 'w';
  button.append(icon, word);
  root.append(style, button);
  // The marketplace's own click handlers (links around cards) must not also fire.
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    onOpen(host);
  });
  return host;
}

export function setBadgeState(host: BadgeElement, state: BadgeState, lang: Language): void {
  if (host.dataset.level === state && host.dataset.lang === lang) return;
  host.dataset.level = state;
  host.dataset.lang = lang;
  const root = host.shadowRoot;
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
