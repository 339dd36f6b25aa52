/**
 * The CSV form of the public trust records (RFC 4180). No CSV library is a dependency (the import
 * side reads CSV with its own strict reader, server/import/csv.ts), and writing is the easy half:
 * a cell is quoted when it holds a quote, a comma or a line break, with quotes doubled; lines end
 * in CRLF. Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) get a leading single quote: a shop name is chosen by the shop, and an open data
 * file is opened in spreadsheets by people who never meant to run anything.
 */
import type { TrustRecord } from '../../lib/registry/schemas';

export const CSV_COLUMNS = [
  'platform',
  'seller_id',
  'name',
  'official_store',
  'level',
  'registration_status',
  'business_name',
  'tax_code',
  'registered_since',
  'registration_source',
  'complaints_12m',
  'complaints_unanswered_12m',
  'on_time_share_12m',
  'median_days_12m',
  'complaints_unverified_12m',
  'complaints_all_time',
  'counterfeit_reports',
  'counterfeit_confirmed',
  'counterfeit_dismissed',
  'last_confirmed_at',
  'sanctions_count',
  'last_sanction_date',
  'updated_at',
  'demo',
  // The seller's public replies shown on the record; their text is in the JSON Lines, beside each fact.
  'seller_replies',
] as const;

type Cell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: empty for null, formula-looking text defused, quoted when RFC 4180 requires it. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, CRLF included. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const CSV_HEADER = csvLine(CSV_COLUMNS);

/** The record's cells, in the order of CSV_COLUMNS. */
export function recordCells(r: TrustRecord): Cell[] {
  const y = r.complaints.last12Months;
  const lastSanction = r.sanctions.reduce<string | null>(
    (best, s) => (best === null || s.date > best ? s.date : best),
    null,
  );
  return [
    r.platform,
    r.sellerId,
    r.name,
    r.officialStore,
    r.level,
    r.registration.status,
    r.registration.businessName,
    r.registration.taxCode,
    r.registration.since,
    r.registration.source,
    y.total,
    y.unanswered,
    y.answeredOnTimeShare,
    y.medianDaysToResolution,
    r.complaints.unverified.last12Months,
    r.complaints.allTime.total,
    r.counterfeit.reports,
    r.counterfeit.confirmed,
    r.counterfeit.dismissed,
    r.counterfeit.lastConfirmedAt,
    r.sanctions.length,
    lastSanction,
    r.updatedAt,
    r.demo,
    r.sanctions.filter((s) => s.reply).length +
      (r.counterfeit.reply ? 1 : 0) +
      (r.complaints.lateReply ? 1 : 0),
  ];
}
