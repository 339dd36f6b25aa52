/**
 * What the shopper types into the case forms, read back safely, and written back the one way the
 * form shows it: amounts in đồng as "328.000 ₫" (the review's spelling), the order date as
 * day/month/year whatever the browser's language (an English Chromium turned 05/03 into 03/05 with
 * a native date input). Drafts keep numbers and ISO dates; text that does not read as one is kept as
 * NaN (an amount) or as typed (a date), so that validation says what is wrong instead of dropping it.
 */
import { formatVnd, type Language } from '../i18n';

const CURRENCY = /₫|đồng|đ|vnđ|vnd/giu;
const SPACES = /[\s\u00a0\u202f]+/gu;

/** Đồng typed as "328000", "328.000", "328,000 ₫" or "328 000 đ": null when empty, NaN when unreadable. */
export function parseVnd(text: string): number | null {
  const bare = text.replace(CURRENCY, '').replace(SPACES, '');
  if (bare === '') return null;
  let digits: string | null = null;
  if (/^\d+$/.test(bare)) digits = bare;
  // Thousands grouped by dots (Vietnamese) or commas (English); đồng have no decimals.
  else if (/^\d{1,3}(\.\d{3})+$/.test(bare) || /^\d{1,3}(,\d{3})+$/.test(bare))
    digits = bare.replace(/[.,]/g, '');
  if (digits === null) return Number.NaN;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : Number.NaN;
}

/** An amount as the form shows it when the shopper is not editing it: "328.000 ₫". */
export function showVnd(value: number | null, lang: Language): string {
  return value === null || !Number.isFinite(value) ? '' : formatVnd(value, lang);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date (no 31/02), as YYYY-MM-DD; null otherwise. */
function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Day/month/year ("05/03/2026", "5/3/2026", "05-03-2026", "05.03.2026") as ISO; null when empty;
 * the text as typed when it is not a real date (validation refuses it with the format to use).
 */
export function parseDayMonthYear(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(trimmed);
  const iso = m ? isoOf(Number(m[3]), Number(m[2]), Number(m[1])) : null;
  return iso ?? trimmed;
}

/** A stored date as the form shows it: "05/03/2026"; anything that is not ISO as it was typed. */
export function showDayMonthYear(value: string | null): string {
  if (value === null) return '';
  const m = ISO_DATE.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}
