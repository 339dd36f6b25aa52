/**
 * The toolbar button: per tab, the level of the seller the tab shows, as a shape (BADGE_ICON), a
 * colour and a sentence in the shopper's language, so that it never rests on colour alone; and
 * everywhere, the number of case updates the shopper has not looked at yet.
 *
 * Both want the button's few characters of text. The count wins while it is above zero: the level
 * is still in plain sight on the page (the badge beside the seller, which is the primary display),
 * whereas the count has no other place to show, and a seller's answer the shopper misses costs
 * more than a second glance at a badge. Nothing is hidden from the tooltip: it names the level
 * and the count together. Once the shopper has looked (count 0) the level takes the text back.
 * Tabs without a seller, and tabs we never touched (the global value), show the count alone.
 */
import { browser } from 'wxt/browser';
import { BADGE_COLOR, BADGE_ICON, BADGE_WORDS, type BadgeState, type Language } from '../i18n/badge';
import { NOTIFY } from '../i18n/notify';

/** The brand name is the same in both languages: the tooltip when there is nothing else to say. */
const NO_SELLER_TITLE = 'An Tâm';
/** Not a level colour (no level is blue), so that a count is never read as a verdict. */
export const COUNT_COLOR = '#1565C0';

/** MV3 builds have `action`; Firefox's MV2 build only `browserAction` (same calls, same shapes). */
function actionApi(): typeof browser.action | undefined {
  return browser.action ?? browser.browserAction;
}

/** What fits on the button: up to two digits. */
export function countText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

export class Toolbar {
  private count = 0;
  /** Tabs whose button we set, with their seller's state (null: a page without a seller). */
  private readonly tabs = new Map<number, { state: BadgeState | null; language: Language }>();
  /** Tab updates under way: callers such as a page scan do not wait for them (see `settled`). */
  private readonly pending = new Set<Promise<void>>();

  /** Shows `state` on the tab's button, or the count alone when the page has no seller (`null`). */
  async setTab(tabId: number, state: BadgeState | null, language: Language): Promise<void> {
    this.tabs.set(tabId, { state, language });
    const applied = this.applyTab(tabId);
    const tracked = applied.catch(() => undefined);
    this.pending.add(tracked);
    void tracked.then(() => this.pending.delete(tracked));
    await applied;
  }

  /** Resolves once every tab update already asked for is on the button (tests, orderly shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }

  get unseen(): number {
    return this.count;
  }

  /** The number of unseen case updates, on every tab and as the default for new ones. */
  async setCount(count: number, language: Language): Promise<void> {
    this.count = Math.max(0, count);
    const action = actionApi();
    if (!action) return;
    await Promise.all([
      action.setBadgeText({ text: countText(this.count) }),
      action.setBadgeBackgroundColor({ color: COUNT_COLOR }),
      action.setTitle({ title: this.count > 0 ? NOTIFY[language].count(this.count) : NO_SELLER_TITLE }),
    ]);
    await Promise.all([...this.tabs.keys()].map((tabId) => this.applyTab(tabId).catch(() => undefined)));
  }

  private async applyTab(tabId: number): Promise<void> {
    const action = actionApi();
    const tab = this.tabs.get(tabId);
    if (!action || !tab) return;
    const { state, language } = tab;
    const counted = this.count > 0;
    const countTitle = counted ? NOTIFY[language].count(this.count) : null;
    const levelTitle = state === null ? null : BADGE_WORDS[language][state].title;
    const title =
      [levelTitle, countTitle].filter((t): t is string => t !== null).join(' · ') || NO_SELLER_TITLE;
    const text = counted ? countText(this.count) : state === null ? '' : BADGE_ICON[state];
    const color = counted ? COUNT_COLOR : state === null ? null : BADGE_COLOR[state];
    await Promise.all([
      action.setBadgeText({ tabId, text }),
      ...(color ? [action.setBadgeBackgroundColor({ tabId, color })] : []),
      action.setTitle({ tabId, title }),
    ]);
  }
}
