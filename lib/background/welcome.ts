/**
 * The first-run page (entrypoints/welcome): opened once, when the extension is installed — not on
 * an update, not when the browser or the service worker starts again (onInstalled's reason).
 */
import { type Browser, browser } from 'wxt/browser';
import { extensionUrl } from './notifications';

export const WELCOME_PATH = '/welcome.html';

/** Adds the listener (synchronously: a worker started by the install must have it in place). */
export function openWelcomeOnInstall(): () => void {
  const listener = (details: Browser.runtime.InstalledDetails): void => {
    if (details.reason !== 'install') return;
    browser.tabs
      .create({ url: extensionUrl(WELCOME_PATH) })
      .catch((err: unknown) => console.warn('[An Tâm] first-run page not opened', err));
  };
  browser.runtime.onInstalled.addListener(listener);
  return () => browser.runtime.onInstalled.removeListener(listener);
}
