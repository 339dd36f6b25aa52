/**
 * The first-run page (entrypoints/welcome): opened once, when the extension is installed — not on
 * an update, not when the browser or the service worker starts again (onInstalled's reason). A
 * mark in storage keeps it to once even where the browser reports an install again for the same
 * profile (Chromium does so for an extension loaded from the command line); an uninstall clears
 * storage, so a real reinstall shows it again.
 */
import { type Browser, browser } from 'wxt/browser';
import { extensionUrl } from './notifications';

export const WELCOME_PATH = '/welcome.html';
const SHOWN_KEY = 'welcomeShown';

async function openOnce(): Promise<void> {
  if ((await browser.storage.local.get(SHOWN_KEY))[SHOWN_KEY] === true) return;
  await browser.storage.local.set({ [SHOWN_KEY]: true });
  await browser.tabs.create({ url: extensionUrl(WELCOME_PATH) });
}

/** Adds the listener (synchronously: a worker started by the install must have it in place). */
export function openWelcomeOnInstall(): () => void {
  const listener = (details: Browser.runtime.InstalledDetails): void => {
    if (details.reason !== 'install') return;
    openOnce().catch((err: unknown) => console.warn('[An Tâm] first-run page not opened', err));
  };
  browser.runtime.onInstalled.addListener(listener);
  return () => browser.runtime.onInstalled.removeListener(listener);
}
