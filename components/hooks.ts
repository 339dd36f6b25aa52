import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Language } from '../lib/i18n';
import { DEFAULT_SETTINGS, loadSettings, SETTINGS_KEY, type Settings } from '../lib/settings';

/**
 * The shopper's settings, kept current: a change made in options (language, snoozes) shows at once
 * in a popup or panel that is already open. null until the first read.
 */
export function useSettings(): [Settings | null, (next: Settings) => void] {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let alive = true;
    const reload = () => {
      loadSettings().then(
        (s) => alive && setSettings(s),
        // Unreadable storage must not leave a page blank: fall back to the defaults.
        () => alive && setSettings(DEFAULT_SETTINGS),
      );
    };
    reload();
    const onChanged = (changes: Record<string, unknown>) => {
      if (SETTINGS_KEY in changes) reload();
    };
    browser.storage.local.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.local.onChanged.removeListener(onChanged);
    };
  }, []);
  return [settings, setSettings];
}

/** `<html lang>` and the window title follow the chosen language (screen readers pick a voice by it). */
export function useDocumentLanguage(lang: Language, title: string): void {
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = title;
  }, [lang, title]);
}
