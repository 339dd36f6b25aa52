/**
 * The two admin CSV formats (registrations and sanctions): header handling, per-field validation
 * and the cross-row rules. Nothing here touches the database; the importer gets either every row
 * validated or the full list of problems, so an admin can fix a file in one pass instead of
 * re-uploading once per error.
 *
 * Values are data: they are trimmed and checked, never rewritten (Vietnamese text, quotes and SQL
 * metacharacters pass through verbatim; the database layer binds them as parameters).
 */
import { z } from 'zod';
import {
  isNumericSellerId,
  isPlatform,
  normaliseSlug,
  PLATFORMS,
  type Platform,
} from '../../lib/registry/seller-key';
import { CsvError, type CsvRecord, readCsv, runInSlices, runToEnd, type Steps } from './csv';

export type RegistrationStatus = 'registered' | 'notified' | 'unregistered' | 'revoked';

export interface RegistrationRow {
  line: number;
  business: {
    /** tax_code when known, else source_ref: what makes two rows the same business. */
    identity: string;
    name: string;
    taxCode: string | null;
    status: RegistrationStatus;
    registeredOn: string | null;
    sourceRef: string | null;
  };
  shop: {
    platform: Platform;
    sellerId: string | null;
    slug: string | null;
    name: string | null;
    officialStore: boolean;
  };
}

export interface SanctionRow {
  line: number;
  platform: Platform;
  sellerId: string | null;
  slug: string | null;
  authority: string;
  decision: string;
  date: string;
  summary: string;
  url: string | null;
}

export interface ImportError {
  line: number;
  message: string;
}

export type ImportParseResult<T> = { ok: true; rows: T[] } | { ok: false; errors: ImportError[] };

/**
 * A file of 200,000 bad rows would otherwise produce an error list bigger than the file; past this
 * many, the rest are summarised in one final entry.
 */
export const MAX_REPORTED_ERRORS = 1000;

/** Bad values are quoted in messages, shortened so one huge cell cannot flood the error list. */
const MAX_QUOTED_VALUE = 80;

function quote(value: string): string {
  const short = value.length > MAX_QUOTED_VALUE ? `${value.slice(0, MAX_QUOTED_VALUE - 1)}…` : value;
  return JSON.stringify(short);
}

/** Case- and spelling-insensitive key for vocabulary words: NFC (files from macOS are often NFD). */
function vocabKey(value: string): string {
  return value.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

// ---- Field schemas ----

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);

/** Mã số thuế: 10 digits for the enterprise, plus "-" and 3 digits for a branch. */
const TaxCode = z
  .string()
  .regex(/^[0-9]{10}(-[0-9]{3})?$/, 'must be a tax code (MST): 10 digits, or 10 digits-3 digits');

/**
 * online.gov.vn shows statuses in Vietnamese; admins copy them as is. "đăng kí"/"đăng ký" and
 * "hủy"/"huỷ" are both in everyday use (two spelling conventions), so both are accepted.
 */
const STATUS_ALIASES: Record<string, RegistrationStatus> = {
  registered: 'registered',
  'đã đăng ký': 'registered',
  'đã đăng kí': 'registered',
  notified: 'notified',
  'đã thông báo': 'notified',
  unregistered: 'unregistered',
  'chưa đăng ký': 'unregistered',
  'chưa đăng kí': 'unregistered',
  revoked: 'revoked',
  'bị hủy': 'revoked',
  'bị huỷ': 'revoked',
  'đã hủy': 'revoked',
  'đã huỷ': 'revoked',
};

const Status = z.string().transform((value, ctx): RegistrationStatus => {
  const status = STATUS_ALIASES[vocabKey(value)];
  if (status === undefined) {
    ctx.issues.push({
      code: 'custom',
      input: value,
      message:
        'must be registered, notified, unregistered or revoked (or đã đăng ký, đã thông báo, chưa đăng ký, bị hủy)',
    });
    return z.NEVER;
  }
  return status;
});

const BOOLEAN_ALIASES: Record<string, boolean> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  có: true,
  không: false,
};

const Flag = z.string().transform((value, ctx): boolean => {
  const flag = BOOLEAN_ALIASES[vocabKey(value)];
  if (flag === undefined) {
    ctx.issues.push({ code: 'custom', input: value, message: 'must be true/false, 1/0, yes/no or có/không' });
    return z.NEVER;
  }
  return flag;
});

const PlatformField = z.string().transform((value, ctx): Platform => {
  const platform = value.toLowerCase();
  if (!isPlatform(platform)) {
    ctx.issues.push({ code: 'custom', input: value, message: `must be one of ${PLATFORMS.join(', ')}` });
    return z.NEVER;
  }
  return platform;
});

const SellerId = z
  .string()
  .refine(isNumericSellerId, "must be the platform's numeric seller id (digits only, no leading zero)");

const Slug = z.string().transform((value, ctx): string => {
  const slug = normaliseSlug(value);
  if (slug === null) {
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: 'must be a shop username or slug (letters, digits, ".", "_", "-"; at most 100 characters)',
    });
    return z.NEVER;
  }
  return slug;
});

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** True for an existing calendar day written YYYY-MM-DD (rejects 2023-02-29, 2024-13-01, …). */
function isRealDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return daysInMonth !== undefined && day >= 1 && day <= daysInMonth;
}

/** Dates of past events: a future date is a typo (or a wrong day/month order), never a fact yet. */
function pastDate(today: string) {
  return z
    .string()
    .regex(ISO_DATE, 'must be a date written YYYY-MM-DD')
    .refine(isRealDate, { message: 'is not a real calendar date', abort: true })
    .refine((d) => d <= today, `must not be in the future (today is ${today})`);
}

/** Links shown to shoppers: only web addresses, never javascript:, data: or file: URLs. */
const WebUrl = z.string().refine((value) => {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}, 'must be an http:// or https:// URL');

function registrationSchema(today: string) {
  return z.object({
    business_name: text(300),
    tax_code: TaxCode.optional(),
    status: Status,
    registered_on: pastDate(today).optional(),
    source_ref: text(500).optional(),
    platform: PlatformField,
    seller_id: SellerId.optional(),
    slug: Slug.optional(),
    shop_name: text(300).optional(),
    official_store: Flag.optional(),
  });
}

function sanctionSchema(today: string) {
  return z.object({
    platform: PlatformField,
    seller_id: SellerId.optional(),
    slug: Slug.optional(),
    authority: text(300),
    decision: text(200),
    date: pastDate(today),
    summary: text(2000),
    url: WebUrl.optional(),
  });
}

/** Required columns are exactly the keys whose schema rejects an absent value. */
function requiredColumns(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name);
}

// ---- Shared machinery ----

type Cells = Record<string, string | undefined>;

interface DataRow {
  line: number;
  cells: Cells;
}

class ErrorList {
  readonly items: ImportError[] = [];
  private dropped = 0;
  private lastLine = 1;

  add(line: number, message: string): void {
    this.lastLine = Math.max(this.lastLine, line);
    if (this.items.length < MAX_REPORTED_ERRORS) this.items.push({ line, message });
    else this.dropped++;
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  result<T>(): ImportParseResult<T> {
    if (this.dropped === 0) return { ok: false, errors: this.items };
    return {
      ok: false,
      errors: [...this.items, { line: this.lastLine, message: `${this.dropped} more errors not shown` }],
    };
  }
}

function assertToday(today: string): void {
  if (!isRealDate(today))
    throw new TypeError(`today must be a YYYY-MM-DD date, got ${JSON.stringify(today)}`);
}

/**
 * Columns of free text, where a tab or a line break (inside quotes) can be part of the value as
 * the format always allowed; identifiers, codes, dates and links allow no control character.
 */
const FREE_TEXT_COLUMNS: ReadonlySet<string> = new Set(['business_name', 'shop_name', 'summary']);

/**
 * The position of the first control character in a value (C0, DEL or C1; tab, CR and LF are
 * allowed in free text), or -1. Registry values are plain text shown to shoppers: a NUL would be
 * refused by PostgreSQL's text type (a 500 rather than a row error), and the others have no
 * business in a shop name or a decision number either.
 */
function controlCharacterAt(value: string, freeText: boolean): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20) {
      if (freeText && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return i;
    }
    if (c >= 0x7f && c <= 0x9f) return i;
  }
  return -1;
}

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Parses the CSV and maps each data record to trimmed cells by column name. Header problems stop
 * here: without a reliable column mapping, row-level messages would only mislead.
 */
function* readTable(
  csvText: string,
  columns: readonly string[],
  required: readonly string[],
  errors: ErrorList,
): Steps<DataRow[] | null> {
  let records: CsvRecord[];
  try {
    records = (yield* readCsv(csvText)).records;
  } catch (err) {
    if (err instanceof CsvError) {
      errors.add(err.line, `invalid CSV: ${err.message}`);
      return null;
    }
    throw err;
  }

  const [header, ...data] = records;
  if (header === undefined) {
    errors.add(1, `missing header: the first line must name the columns (${columns.join(', ')})`);
    return null;
  }

  const names = header.fields.map((f) => f.trim().toLowerCase());
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === '') {
      errors.add(header.line, `header: column ${index + 1} has no name`);
    } else if (!columns.includes(name)) {
      errors.add(header.line, `header: unknown column ${quote(name)} (expected: ${columns.join(', ')})`);
    } else if (seen.has(name)) {
      errors.add(header.line, `header: column ${quote(name)} appears twice`);
    }
    seen.add(name);
  });
  const missing = required.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    errors.add(
      header.line,
      `header: missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    );
  }
  if (!errors.empty) return null;

  const rows: DataRow[] = [];
  for (const record of data) {
    yield;
    const values = record.fields.map((f) => f.trim());
    // Spreadsheets export rows emptied by the user as ",,,,": not data, so not an error either.
    if (values.every((v) => v === '')) continue;
    if (values.length !== names.length) {
      errors.add(
        record.line,
        `expected ${names.length} fields (one per header column), found ${values.length}`,
      );
      continue;
    }
    let clean = true;
    names.forEach((name, index) => {
      const value = values[index] as string;
      const at = controlCharacterAt(value, FREE_TEXT_COLUMNS.has(name));
      if (at < 0) return;
      clean = false;
      errors.add(
        record.line,
        `${name}: contains the control character ${codePoint(value.charCodeAt(at))} at character ${at + 1}; values must be plain text`,
      );
    });
    if (!clean) continue;
    const cells: Cells = {};
    names.forEach((name, index) => {
      const value = values[index];
      cells[name] = value === '' ? undefined : value;
    });
    rows.push({ line: record.line, cells });
  }
  return rows;
}

/** Validates one row's cells; reports the first problem of each column, in column order. */
function validateCells<S extends z.ZodObject>(
  schema: S,
  row: DataRow,
  errors: ErrorList,
): z.output<S> | null {
  const parsed = schema.safeParse(row.cells, {
    error: (issue) =>
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined,
  });
  if (parsed.success) return parsed.data;
  const reported = new Set<string>();
  for (const issue of parsed.error.issues) {
    const column = String(issue.path[0] ?? '');
    if (reported.has(column)) continue;
    reported.add(column);
    const value = row.cells[column];
    errors.add(
      row.line,
      value === undefined
        ? `${column}: ${issue.message}`
        : `${column}: ${issue.message} (got ${quote(value)})`,
    );
  }
  return null;
}

function shopKeys(platform: Platform, sellerId: string | undefined, slug: string | undefined): string[] {
  const keys: string[] = [];
  if (sellerId !== undefined) keys.push(`${platform}:${sellerId}`);
  if (slug !== undefined) keys.push(`${platform}:@${slug}`);
  return keys;
}

function requireShop(row: DataRow, errors: ErrorList): boolean {
  if (row.cells.seller_id !== undefined || row.cells.slug !== undefined) return true;
  errors.add(row.line, 'seller_id and slug are both empty: a shop needs at least one of them');
  return false;
}

// ---- Registrations ----

const REGISTRATION_COLUMNS = Object.keys(registrationSchema('2000-01-01').shape);
const REGISTRATION_REQUIRED = requiredColumns(registrationSchema('2000-01-01'));

/** Parses a registrations CSV; `today` (YYYY-MM-DD) bounds registered_on. */
export function parseRegistrationsCsv(csvText: string, today: string): ImportParseResult<RegistrationRow> {
  return runToEnd(registrationSteps(csvText, today));
}

/** `parseRegistrationsCsv` in slices that give the event loop a turn (a 5 MB upload takes seconds). */
export function parseRegistrationsCsvInSlices(
  csvText: string,
  today: string,
): Promise<ImportParseResult<RegistrationRow>> {
  return runInSlices(registrationSteps(csvText, today));
}

function* registrationSteps(csvText: string, today: string): Steps<ImportParseResult<RegistrationRow>> {
  assertToday(today);
  const errors = new ErrorList();
  const table = yield* readTable(csvText, REGISTRATION_COLUMNS, REGISTRATION_REQUIRED, errors);
  if (table === null) return errors.result();

  const schema = registrationSchema(today);
  const rows: RegistrationRow[] = [];
  const businesses = new Map<string, RegistrationRow>();
  const shops = new Map<string, number>();

  for (const row of table) {
    yield;
    // Cross-field rules are checked on presence, so they are reported alongside field errors.
    const hasShop = requireShop(row, errors);
    const hasIdentity = row.cells.tax_code !== undefined || row.cells.source_ref !== undefined;
    if (!hasIdentity) {
      errors.add(row.line, 'tax_code and source_ref are both empty: the business needs at least one of them');
    }
    const v = validateCells(schema, row, errors);
    if (v === null || !hasShop || !hasIdentity) continue;

    const taxCode = v.tax_code ?? null;
    const sourceRef = v.source_ref ?? null;
    const parsed: RegistrationRow = {
      line: row.line,
      business: {
        identity: (taxCode ?? sourceRef)!,
        name: v.business_name,
        taxCode,
        status: v.status,
        registeredOn: v.registered_on ?? null,
        sourceRef,
      },
      shop: {
        platform: v.platform,
        sellerId: v.seller_id ?? null,
        slug: v.slug ?? null,
        name: v.shop_name ?? null,
        officialStore: v.official_store ?? false,
      },
    };

    let consistent = true;
    const first = businesses.get(parsed.business.identity);
    if (first !== undefined) {
      const which =
        taxCode !== null ? `tax_code ${taxCode}` : `source_ref ${quote(parsed.business.identity)}`;
      const compare: [string, string | null, string | null][] = [
        ['business_name', first.business.name, parsed.business.name],
        ['status', first.business.status, parsed.business.status],
        ['registered_on', first.business.registeredOn, parsed.business.registeredOn],
      ];
      for (const [column, before, now] of compare) {
        if (before === now) continue;
        consistent = false;
        errors.add(
          row.line,
          `${column}: ${quote(now ?? '')} differs from line ${first.line} (${quote(before ?? '')}) for the same business (${which})`,
        );
      }
    }

    for (const key of shopKeys(v.platform, v.seller_id, v.slug)) {
      const earlier = shops.get(key);
      if (earlier !== undefined) {
        consistent = false;
        errors.add(row.line, `shop ${key} already appears on line ${earlier}`);
      }
    }
    if (!consistent) continue;

    if (first === undefined) businesses.set(parsed.business.identity, parsed);
    for (const key of shopKeys(v.platform, v.seller_id, v.slug)) shops.set(key, row.line);
    rows.push(parsed);
  }

  return errors.empty ? { ok: true, rows } : errors.result();
}

// ---- Sanctions ----

const SANCTION_COLUMNS = Object.keys(sanctionSchema('2000-01-01').shape);
const SANCTION_REQUIRED = requiredColumns(sanctionSchema('2000-01-01'));

/** Parses a sanctions CSV; `today` (YYYY-MM-DD) bounds the decision date. */
export function parseSanctionsCsv(csvText: string, today: string): ImportParseResult<SanctionRow> {
  return runToEnd(sanctionSteps(csvText, today));
}

/** `parseSanctionsCsv` in slices that give the event loop a turn (a 5 MB upload takes seconds). */
export function parseSanctionsCsvInSlices(
  csvText: string,
  today: string,
): Promise<ImportParseResult<SanctionRow>> {
  return runInSlices(sanctionSteps(csvText, today));
}

function* sanctionSteps(csvText: string, today: string): Steps<ImportParseResult<SanctionRow>> {
  assertToday(today);
  const errors = new ErrorList();
  const table = yield* readTable(csvText, SANCTION_COLUMNS, SANCTION_REQUIRED, errors);
  if (table === null) return errors.result();

  const schema = sanctionSchema(today);
  const rows: SanctionRow[] = [];
  const decisions = new Map<string, number>();

  for (const row of table) {
    yield;
    const hasShop = requireShop(row, errors);
    const v = validateCells(schema, row, errors);
    if (v === null || !hasShop) continue;

    // Case and spacing differences in a decision number do not make it a different decision.
    const decisionKey = `${vocabKey(v.authority)}\u0000${vocabKey(v.decision)}`;
    let duplicate = false;
    for (const key of shopKeys(v.platform, v.seller_id, v.slug)) {
      const earlier = decisions.get(`${key}\u0000${decisionKey}`);
      if (earlier !== undefined) {
        duplicate = true;
        errors.add(
          row.line,
          `decision ${quote(v.decision)} by ${quote(v.authority)} for shop ${key} already appears on line ${earlier}`,
        );
        break;
      }
    }
    if (duplicate) continue;
    for (const key of shopKeys(v.platform, v.seller_id, v.slug))
      decisions.set(`${key}\u0000${decisionKey}`, row.line);

    rows.push({
      line: row.line,
      platform: v.platform,
      sellerId: v.seller_id ?? null,
      slug: v.slug ?? null,
      authority: v.authority,
      decision: v.decision,
      date: v.date,
      summary: v.summary,
      url: v.url ?? null,
    });
  }

  return errors.empty ? { ok: true, rows } : errors.result();
}
