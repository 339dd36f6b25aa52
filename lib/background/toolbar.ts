/**
 * The toolbar button per tab: the level of the seller the tab shows, as a shape (BADGE_ICON), a
 * colour and a sentence in the shopper's language, so that it never rests on colour alone.
 */
import { browser } from 'wxt/browser';
import { BADGE_COLOR, BADGE_ICON, BADGE_WORDS, type BadgeState, type Language } from '../i18n/badge';

/** The brand name is the same in both languages: the tooltip when the page has no seller. */
const NO_SELLER_TITLE = 'An Tâm';

/** MV3 builds have `action`; Firefox's MV2 build only `browserAction` (same calls, same shapes). */
function actionApi(): typeof browser.action | undefined {
  return browser.action ?? browser.browserAction;
}

/** Shows `state` on the tab's button, or nothing when the page has no seller (`null`). */
export async function setToolbar(tabId: number, state: BadgeState | null, language: Language): Promise<void> {
  const action = actionApi();
  if (!action) return; // a build without a toolbar button
  if (state === null) {
    await Promise.all([
      action.setBadgeText({ tabId, text: '' }),
      action.setTitle({ tabId, title: NO_SELLER_TITLE }),
    ]);
    return;
  }
  await Promise.all([
    action.setBadgeText({ tabId, text: BADGE_ICON[state] }),
    action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR[state] }),
    action.setTitle({ tabId, title: BADGE_WORDS[language][state].title }),
  ]);
}
