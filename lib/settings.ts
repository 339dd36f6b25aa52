/**
 * The shopper's settings, kept in browser.storage.local and parsed with zod on every read (the
 * stored value may come from an older version, or be damaged). Not for the content script: it
 * asks the background (the answer to `content:scan`).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import type { StoredSettings } from './messaging';

export const SETTINGS_KEY = 'settings';

export const Settings = z.object({
  /** null: the registry the extension was built for (WXT_REGISTRY_URL). */
  registryUrl: z.string().url().nullable().default(null),
  language: z.enum(['vi', 'en']).default('vi'),
  listingBadges: z.boolean().default(true),
  /**
   * Snoozed sellers: the record's own key (`platform:sellerId`, whatever key the page used: a shop
   * page's slug and a listing card's number are one seller) → the record's `updatedAt` when
   * snoozed; a newer record wakes it. Keys written by earlier versions (the page's key) still count.
   */
  snoozed: z.record(z.string(), z.string()).default({}),
  /** The name to show for each snoozed seller in options (the registry's, else the page's). */
  snoozedNames: z.record(z.string(), z.string().max(200)).default({}),
  // Watch list (lib/background/watch.ts): remember the sellers of my orders and re-check them daily.
  watchSellers: z.boolean().default(true),
});
export type Settings = z.infer<typeof Settings>;

type AssertTrue<T extends true> = T;
/** The messages' copy of the stored shape (lib/messaging.ts) is this one, both ways. */
export type SettingsMatchMessages = AssertTrue<
  [Settings, StoredSettings] extends [StoredSettings, Settings] ? true : false
>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const parsed = Settings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = Settings.parse({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** The registry's base URL in use: the shopper's choice, else the build's. */
export function registryBaseUrl(settings: Settings): string {
  return (settings.registryUrl ?? import.meta.env.WXT_REGISTRY_URL ?? 'http://127.0.0.1:8787').replace(
    /\/+$/,
    '',
  );
}
