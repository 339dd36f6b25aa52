/**
 * Text for the extension pages: message lookup with `{name}` placeholders, plural forms, numbers
 * and dates formatted for the shopper's language, and the rendering of the registry's reason codes.
 *
 * The language always comes from the extension's settings (default Vietnamese), never from the
 * browser's UI language: many Vietnamese shoppers run an English browser but want Vietnamese here.
 */
import type { Reason, ReasonCode } from '../registry/schemas';
import type { Platform } from '../registry/seller-key';
import type { Language } from './badge';
import { en } from './en';
import { type MessageKey, vi } from './vi';

export type { Language } from './badge';
export type { MessageKey } from './vi';

export const CATALOGS: Record<Language, Record<MessageKey, string>> = { vi, en };

export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** Each language by its own name, so a shopper can find theirs whatever is shown now. */
export const LANGUAGE_NAMES: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

/** Brand names: the same in every language. */
export const PLATFORM_NAMES: Record<Platform, string> = {
  shopee: 'Shopee',
  lazada: 'Lazada',
  tiki: 'Tiki',
  tiktok: 'TikTok Shop',
  sendo: 'Sendo',
};

export function locale(lang: Language): string {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}

export type Params = Record<string, string | number>;

/** A message with its `{name}` placeholders filled; numbers are formatted for the language. */
export function t(lang: Language, key: MessageKey, params?: Params): string {
  const template = CATALOGS[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, lang) : value;
  });
}

/** Message keys that come as a `.one` / `.other` pair. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;

/** The plural form of `base` for `count`, with `{count}` set to the formatted count. */
export function tp(lang: Language, base: PluralKey, count: number, params?: Params): string {
  const form = new Intl.PluralRules(locale(lang)).select(count) === 'one' ? 'one' : 'other';
  // Every `.one` key has its `.other` twin: the i18n meta-test checks it.
  return t(lang, `${base}.${form}` as MessageKey, { count, ...params });
}

export function formatNumber(value: number, lang: Language, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits }).format(value);
}

/**
 * A share in [0, 1] as a whole percentage ("95%"), truncated rather than rounded: 89.6 % answered
 * on time must not read as the 90 % that earns "trusted" (the registry's rules do the same). The
 * epsilon absorbs binary noise (0.29 * 100 = 28.999…).
 */
export function formatPercent(share: number, lang: Language): string {
  const truncated = Math.floor(share * 100 + 1e-9) / 100;
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(
    truncated,
  );
}

export function formatDays(days: number, lang: Language): string {
  return tp(lang, 'unit.day', days);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date (`YYYY-MM-DD`) or a timestamp, as the language writes dates: 01/06/2026 in
 * Vietnamese, 1 Jun 2026 in English (unambiguous for readers used to month-first dates). A calendar
 * date is formatted in UTC so that it never shifts by a day in the shopper's time zone; a timestamp
 * shows the shopper's local date. Anything unparseable is shown as given rather than hidden.
 */
export function formatDate(value: string, lang: Language): string {
  const dateOnly = DATE_ONLY.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  const options: Intl.DateTimeFormatOptions =
    lang === 'vi'
      ? { day: '2-digit', month: '2-digit', year: 'numeric' }
      : { day: 'numeric', month: 'short', year: 'numeric' };
  if (dateOnly) options.timeZone = 'UTC';
  return new Intl.DateTimeFormat(locale(lang), options).format(date);
}

// ---- Reasons ----

type ReasonParams = Reason['params'];

/**
 * Params come from the registry and are checked only as scalars by the schema, so each renderer
 * reads them defensively: a missing or mistyped fact is left out or shown as a dash, never invented.
 */
function num(params: ReasonParams, name: string): number | null {
  const value = params[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function str(params: ReasonParams, name: string): string | null {
  const value = params[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const MISSING = '—';

function numText(params: ReasonParams, name: string, lang: Language): string {
  const value = num(params, name);
  return value === null ? MISSING : formatNumber(value, lang);
}

function shareText(params: ReasonParams, name: string, lang: Language): string {
  const value = num(params, name);
  return value === null ? MISSING : formatPercent(value, lang);
}

function dateText(params: ReasonParams, name: string, lang: Language): string | null {
  const value = str(params, name);
  return value === null ? null : formatDate(value, lang);
}

/** "main (detail; detail)", or just "main" when no detail is known. */
function withDetails(main: string, details: (string | null)[]): string {
  const known = details.filter((d): d is string => d !== null);
  return known.length > 0 ? `${main} (${known.join('; ')})` : main;
}

type ReasonRenderer = (params: ReasonParams, lang: Language) => string;

/**
 * One renderer per reason code; the Record type makes a new code a compile error here until it has
 * a rendering. Params per code follow server/trust/rules.ts.
 */
const REASON_RENDERERS: Record<ReasonCode, ReasonRenderer> = {
  registered(p, lang) {
    const date = dateText(p, 'since', lang);
    if (str(p, 'status') === 'notified') {
      return date ? t(lang, 'reason.notifiedSince', { date }) : t(lang, 'reason.notified');
    }
    return date ? t(lang, 'reason.registeredSince', { date }) : t(lang, 'reason.registered');
  },
  official_store: (_p, lang) => t(lang, 'reason.official_store'),
  unregistered: (_p, lang) => t(lang, 'reason.unregistered'),
  registration_revoked(p, lang) {
    const date = dateText(p, 'since', lang);
    return date
      ? t(lang, 'reason.registration_revokedSince', { date })
      : t(lang, 'reason.registration_revoked');
  },
  complaints_answered_on_time(p, lang) {
    return tp(lang, 'reason.complaints_answered_on_time', num(p, 'total') ?? 0, {
      total: numText(p, 'total', lang),
      share: shareText(p, 'share', lang),
    });
  },
  complaints_late(p, lang) {
    return tp(lang, 'reason.complaints_late', num(p, 'total') ?? 0, {
      late: numText(p, 'late', lang),
      total: numText(p, 'total', lang),
      share: shareText(p, 'share', lang),
    });
  },
  complaints_unverified(p, lang) {
    return tp(lang, 'reason.complaints_unverified', num(p, 'count') ?? 0, {
      count: numText(p, 'count', lang),
    });
  },
  complaints_upheld(p, lang) {
    return tp(lang, 'reason.complaints_upheld', num(p, 'upheld') ?? 0, {
      upheld: numText(p, 'upheld', lang),
    });
  },
  counterfeit_confirmed(p, lang) {
    const confirmed = num(p, 'confirmed');
    const recent = num(p, 'last12Months');
    const date = dateText(p, 'lastConfirmedAt', lang);
    let recentText: string | null = null;
    if (recent !== null && recent > 0) {
      // "1 time (1 time in the last 12 months)" reads as a stutter: say "all" instead.
      recentText =
        recent === confirmed
          ? t(lang, 'reason.counterfeit_confirmed.allLast12Months')
          : t(lang, 'reason.counterfeit_confirmed.last12Months', { count: recent });
    }
    return withDetails(
      t(lang, 'reason.counterfeit_confirmed', { confirmed: numText(p, 'confirmed', lang) }),
      [recentText, date ? t(lang, 'reason.counterfeit_confirmed.latest', { date }) : null],
    );
  },
  sanction_recent(p, lang) {
    const count = num(p, 'count') ?? 1;
    const detail = [str(p, 'authority'), dateText(p, 'lastDate', lang)].filter((d) => d !== null).join(', ');
    const params = { detail: detail || t(lang, 'common.unknown'), count: tp(lang, 'unit.time', count) };
    return count > 1
      ? t(lang, 'reason.sanction_recent.multiple', params)
      : t(lang, 'reason.sanction_recent.single', params);
  },
  sanction_past(p, lang) {
    const count = num(p, 'count') ?? 1;
    const date = dateText(p, 'lastDate', lang);
    const params = { count: tp(lang, 'unit.time', count), date: date ?? '' };
    if (count > 1) {
      return date
        ? t(lang, 'reason.sanction_past.multipleDated', params)
        : t(lang, 'reason.sanction_past.multiple', params);
    }
    return date
      ? t(lang, 'reason.sanction_past.singleDated', params)
      : t(lang, 'reason.sanction_past.single');
  },
  no_facts: (_p, lang) => t(lang, 'reason.no_facts'),
};

/** A reason as a sentence in the shopper's language, naming the facts it rests on. */
export function formatReason(reason: Reason, lang: Language): string {
  return REASON_RENDERERS[reason.code](reason.params, lang);
}

// ---- Complaints and reports ----

/**
 * A moment (ms since epoch or an ISO timestamp) with date and time in the shopper's local zone:
 * "14:05 01/06/2026" in Vietnamese, "1 Jun 2026, 14:05" in English. Timelines need the hour:
 * a seller's deadline and a late answer can be hours apart.
 */
export function formatDateTime(value: number | string, lang: Language): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(lang), {
    day: lang === 'vi' ? '2-digit' : 'numeric',
    month: lang === 'vi' ? '2-digit' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** A file size as people read it: "850 KB", "1,2 MB" (1 KB = 1024 bytes, as file managers show). */
export function formatBytes(bytes: number, lang: Language): string {
  if (bytes < 1024) return `${formatNumber(bytes, lang, 0)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, lang, 0)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`;
}

/** An amount in đồng: "1.250.000 ₫" / "1,250,000 ₫". */
export function formatVnd(amount: number, lang: Language): string {
  return `${formatNumber(amount, lang, 0)} ₫`;
}
