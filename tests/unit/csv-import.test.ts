import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvError, MAX_FIELD_LENGTH, MAX_RECORDS, parseCsv } from '../../server/import/csv';
import {
  type ImportError,
  type ImportParseResult,
  MAX_REPORTED_ERRORS,
  parseRegistrationsCsv,
  parseSanctionsCsv,
} from '../../server/import/rows';

const TODAY = '2025-06-01';

function csvError(text: string): CsvError {
  try {
    parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) return err;
    throw err;
  }
  throw new Error('expected a CsvError');
}

function rowsOf<T>(result: ImportParseResult<T>): T[] {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.rows;
}

function errorsOf<T>(result: ImportParseResult<T>): ImportError[] {
  if (result.ok) throw new Error('expected errors, got ok');
  return result.errors;
}

describe('parseCsv', () => {
  it('reads simple records with or without a trailing newline', () => {
    expect(parseCsv('a,b\n1,2\n').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
    expect(parseCsv('a,b\n1,2').records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,,c\n,,\nx,').records.map((r) => r.fields)).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
      ['x', ''],
    ]);
  });

  it('handles quoted commas, doubled quotes and embedded newlines', () => {
    const { records } = parseCsv('name,note\n"Hoa, Sen","say ""hi"""\n"two\nlines",x\nlast,y\n');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Hoa, Sen', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'x'] },
      // The record after a two-line field starts on physical line 5.
      { line: 5, fields: ['last', 'y'] },
    ]);
  });

  it('keeps CRLF inside quoted fields verbatim but counts it as one line', () => {
    const { records } = parseCsv('"a\r\nb",c\r\nd,e\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['a\r\nb', 'c'] },
      { line: 3, fields: ['d', 'e'] },
    ]);
  });

  it('strips a UTF-8 BOM and accepts CRLF, LF and CR line ends', () => {
    const expected = [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ];
    expect(parseCsv('\uFEFFa,b\r\n1,2\r\n3,4\r\n').records).toEqual(expected);
    expect(parseCsv('a,b\r1,2\r3,4').records).toEqual(expected);
    expect(parseCsv('a,b\n1,2\r\n3,4\r').records).toEqual(expected);
  });

  it('skips blank lines but counts them for line numbers', () => {
    expect(parseCsv('\n\na,b\n\n   \r\n1,2\n\n').records).toEqual([
      { line: 3, fields: ['a', 'b'] },
      { line: 6, fields: ['1', '2'] },
    ]);
    expect(parseCsv('').records).toEqual([]);
    expect(parseCsv('\uFEFF').records).toEqual([]);
    expect(parseCsv('\n\r\n\r').records).toEqual([]);
  });

  it('keeps a line holding only "" as a record (it is a quoted empty field, not a blank line)', () => {
    expect(parseCsv('""\n').records).toEqual([{ line: 1, fields: [''] }]);
  });

  it('reports an unterminated quote at the line where the field starts', () => {
    const err = csvError('a,b\n1,2\n3,"never closed\nmore\nlines\n');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/unterminated quoted field/);
    expect(csvError('"').line).toBe(1);
  });

  it('reports a quote in the middle of an unquoted field', () => {
    const err = csvError('a,b\n1,2\n3,4 "inch"\n');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/in the middle of an unquoted field/);
  });

  it('reports text after a closing quote, on the line where it occurs', () => {
    const err = csvError('a,b\n"x\ny"z,1\n');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/after a closing quote/);
    expect(csvError('"ok" ,1').message).toMatch(/after a closing quote/);
  });

  it('refuses a field longer than the cap, quoted or not', () => {
    const long = 'x'.repeat(MAX_FIELD_LENGTH + 1);
    expect(parseCsv(`a\n${'x'.repeat(MAX_FIELD_LENGTH)}`).records[1]?.fields[0]).toHaveLength(
      MAX_FIELD_LENGTH,
    );
    expect(csvError(`a\nb\n${long}\n`).line).toBe(3);
    expect(csvError(`a\n"${long}"`).message).toMatch(/longer than/);
    // Doubled quotes count once each: exactly at the cap is fine, one more is not.
    expect(parseCsv(`"${'""'.repeat(MAX_FIELD_LENGTH)}"`).records[0]?.fields[0]).toBe(
      '"'.repeat(MAX_FIELD_LENGTH),
    );
    expect(csvError(`"${'""'.repeat(MAX_FIELD_LENGTH + 1)}"`).message).toMatch(/longer than/);
  });

  it('refuses more records than the cap', () => {
    expect(parseCsv('a\n'.repeat(MAX_RECORDS)).records).toHaveLength(MAX_RECORDS);
    const err = csvError('a\n'.repeat(MAX_RECORDS + 1));
    expect(err.line).toBe(MAX_RECORDS + 1);
    expect(err.message).toMatch(/too many records/);
  });

  it('never hangs or throws anything but CsvError on random input', () => {
    // Deterministic PRNG so a failure is reproducible.
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const alphabet = ['a', ',', '"', '\r', '\n', ' ', 'đ'];
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const length = next() % 40;
      for (let k = 0; k < length; k++) text += alphabet[next() % alphabet.length];
      try {
        const { records } = parseCsv(text);
        for (const r of records) expect(r.line).toBeGreaterThanOrEqual(1);
      } catch (err) {
        expect(err).toBeInstanceOf(CsvError);
        expect((err as CsvError).line).toBeGreaterThanOrEqual(1);
      }
    }
  });
});

// ---- Registrations ----

const REG_HEADER =
  'business_name,tax_code,status,registered_on,source_ref,platform,seller_id,slug,shop_name,official_store';

function reg(...lines: string[]): string {
  return [REG_HEADER, ...lines].join('\n');
}

const GOOD_REG =
  'Công ty TNHH A,0101234567,registered,2023-05-12,VÍ DỤ-001,shopee,672907573,shop.a,Shop A,true';

describe('parseRegistrationsCsv', () => {
  it('parses a valid row into business and shop', () => {
    expect(rowsOf(parseRegistrationsCsv(reg(GOOD_REG), TODAY))).toEqual([
      {
        line: 2,
        business: {
          identity: '0101234567',
          name: 'Công ty TNHH A',
          taxCode: '0101234567',
          status: 'registered',
          registeredOn: '2023-05-12',
          sourceRef: 'VÍ DỤ-001',
        },
        shop: {
          platform: 'shopee',
          sellerId: '672907573',
          slug: 'shop.a',
          name: 'Shop A',
          officialStore: true,
        },
      },
    ]);
  });

  it('accepts header names in any order and case, with spaces, and only the required columns', () => {
    const text =
      ' Platform ,SLUG,Status,Business_Name,Source_Ref\ntiki,@My.Shop,notified,Hộ kinh doanh B,REF-9\n';
    expect(rowsOf(parseRegistrationsCsv(text, TODAY))).toEqual([
      {
        line: 2,
        business: {
          identity: 'REF-9',
          name: 'Hộ kinh doanh B',
          taxCode: null,
          status: 'notified',
          registeredOn: null,
          sourceRef: 'REF-9',
        },
        shop: { platform: 'tiki', sellerId: null, slug: 'my.shop', name: null, officialStore: false },
      },
    ]);
  });

  it('trims fields and treats empty ones as absent', () => {
    const text = reg('  Công ty C  ,  0101234567-001 , revoked ,  ,  , lazada , 123 ,  ,  ,  ');
    const [row] = rowsOf(parseRegistrationsCsv(text, TODAY));
    expect(row?.business).toMatchObject({ name: 'Công ty C', taxCode: '0101234567-001', sourceRef: null });
    expect(row?.business.registeredOn).toBeNull();
    expect(row?.shop).toEqual({
      platform: 'lazada',
      sellerId: '123',
      slug: null,
      name: null,
      officialStore: false,
    });
  });

  it('accepts Vietnamese status aliases, in any case and Unicode form', () => {
    const statuses: [string, string][] = [
      ['đã đăng ký', 'registered'],
      ['ĐÃ ĐĂNG KÝ', 'registered'],
      ['Đã đăng kí', 'registered'],
      ['đã thông báo', 'notified'],
      ['Chưa đăng ký', 'unregistered'],
      ['bị hủy', 'revoked'],
      ['đã hủy', 'revoked'],
      ['Bị huỷ', 'revoked'],
      ['REGISTERED', 'registered'],
      // Decomposed (NFD) text, as some macOS tools write it.
      ['đã thông báo'.normalize('NFD'), 'notified'],
    ];
    const lines = statuses.map(([s], i) => `Công ty ${i},,${s},,REF-${i},shopee,${i + 1},,,`);
    const rows = rowsOf(parseRegistrationsCsv(reg(...lines), TODAY));
    expect(rows.map((r) => r.business.status)).toEqual(statuses.map(([, s]) => s));
  });

  it('accepts boolean spellings for official_store', () => {
    const values: [string, boolean][] = [
      ['true', true],
      ['FALSE', false],
      ['1', true],
      ['0', false],
      ['yes', true],
      ['No', false],
      ['có', true],
      ['Không', false],
      ['', false],
    ];
    const lines = values.map(([v], i) => `Công ty,0101234567,registered,,,shopee,${i + 1},,,${v}`);
    const rows = rowsOf(parseRegistrationsCsv(reg(...lines), TODAY));
    expect(rows.map((r) => r.shop.officialStore)).toEqual(values.map(([, b]) => b));
  });

  it('returns no rows for a header-only file', () => {
    expect(parseRegistrationsCsv(`${REG_HEADER}\n`, TODAY)).toEqual({ ok: true, rows: [] });
  });

  it('reports an empty file as a missing header on line 1', () => {
    for (const text of ['', '\uFEFF', '\n\n']) {
      const errors = errorsOf(parseRegistrationsCsv(text, TODAY));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.line).toBe(1);
      expect(errors[0]?.message).toMatch(/missing header/);
    }
  });

  it('reports unknown, duplicate and missing columns at the header line', () => {
    const errors = errorsOf(
      parseRegistrationsCsv('business_name,Platform,colour,platform,\nx,shopee,red,,\n', TODAY),
    );
    expect(errors.every((e) => e.line === 1)).toBe(true);
    const messages = errors.map((e) => e.message).join('\n');
    expect(messages).toMatch(/unknown column "colour"/);
    expect(messages).toMatch(/column "platform" appears twice/);
    expect(messages).toMatch(/column 5 has no name/);
    expect(messages).toMatch(/missing required column status/);
  });

  it('reports missing required columns on line 1', () => {
    const errors = errorsOf(parseRegistrationsCsv('slug,tax_code\nabc,0101234567\n', TODAY));
    expect(errors).toEqual([{ line: 1, message: expect.stringMatching(/business_name, status, platform/) }]);
  });

  it('reports rows with the wrong number of fields', () => {
    const errors = errorsOf(parseRegistrationsCsv(reg(GOOD_REG, 'too,few'), TODAY));
    expect(errors).toEqual([{ line: 3, message: 'expected 10 fields (one per header column), found 2' }]);
  });

  it('skips rows whose fields are all empty (rows cleared in a spreadsheet)', () => {
    const rows = rowsOf(parseRegistrationsCsv(reg(',,,,,,,,,', GOOD_REG, ' , ,,,,,,,,'), TODAY));
    expect(rows.map((r) => r.line)).toEqual([3]);
  });

  // One bad value per case, on line 3 after a good row; the message names the column and the value.
  const fieldCases: [string, string, RegExp][] = [
    [
      'business_name',
      `${'B'.repeat(301)},0101234567,registered,,,shopee,2,,,`,
      /^business_name: must be at most 300/,
    ],
    ['business_name', ',0101234567,registered,,,shopee,2,,,', /^business_name: is required$/],
    ['tax_code', 'B,010123456,registered,,,shopee,2,,,', /^tax_code: .*MST.*\(got "010123456"\)$/],
    ['tax_code', 'B,0101234567-01,registered,,,shopee,2,,,', /^tax_code: .*\(got "0101234567-01"\)$/],
    ['status', 'B,0101234567,active,,,shopee,2,,,', /^status: must be registered, .*\(got "active"\)$/],
    ['status', 'B,0101234567,,,,shopee,2,,,', /^status: is required$/],
    ['registered_on', 'B,0101234567,registered,12/05/2023,,shopee,2,,,', /^registered_on: .*YYYY-MM-DD/],
    [
      'registered_on',
      'B,0101234567,registered,2023-02-29,,shopee,2,,,',
      /^registered_on: is not a real calendar date/,
    ],
    [
      'registered_on',
      'B,0101234567,registered,2024-13-01,,shopee,2,,,',
      /^registered_on: is not a real calendar date/,
    ],
    [
      'registered_on',
      'B,0101234567,registered,2025-06-02,,shopee,2,,,',
      /^registered_on: must not be in the future/,
    ],
    [
      'source_ref',
      `B,0101234567,registered,,${'r'.repeat(501)},shopee,2,,,`,
      /^source_ref: must be at most 500/,
    ],
    [
      'platform',
      'B,0101234567,registered,,,amazon,2,,,',
      /^platform: must be one of shopee, .*\(got "amazon"\)$/,
    ],
    ['platform', 'B,0101234567,registered,,,,2,,,', /^platform: is required$/],
    ['seller_id', 'B,0101234567,registered,,,shopee,0123,,,', /^seller_id: .*numeric.*\(got "0123"\)$/],
    ['seller_id', 'B,0101234567,registered,,,shopee,12a,,,', /^seller_id: .*\(got "12a"\)$/],
    ['slug', 'B,0101234567,registered,,,shopee,,bad slug!,,', /^slug: .*\(got "bad slug!"\)$/],
    [
      'shop_name',
      `B,0101234567,registered,,,shopee,2,,${'s'.repeat(301)},`,
      /^shop_name: must be at most 300/,
    ],
    ['official_store', 'B,0101234567,registered,,,shopee,2,,,maybe', /^official_store: .*\(got "maybe"\)$/],
  ];
  for (const [column, line, message] of fieldCases) {
    it(`rejects a bad ${column}: ${message.source}`, () => {
      const errors = errorsOf(parseRegistrationsCsv(reg(GOOD_REG, line), TODAY));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.line).toBe(3);
      expect(errors[0]?.message).toMatch(message);
    });
  }

  it('accepts registered_on equal to today and leap days', () => {
    const rows = rowsOf(
      parseRegistrationsCsv(
        reg(
          'B,0101234567,registered,2025-06-01,,shopee,2,,,',
          'C,0101234568,registered,2024-02-29,,shopee,3,,,',
        ),
        TODAY,
      ),
    );
    expect(rows.map((r) => r.business.registeredOn)).toEqual(['2025-06-01', '2024-02-29']);
  });

  it('requires seller_id or slug', () => {
    expect(
      errorsOf(parseRegistrationsCsv(reg(GOOD_REG, 'B,0101234567,registered,,,shopee,,,,'), TODAY)),
    ).toEqual([{ line: 3, message: 'seller_id and slug are both empty: a shop needs at least one of them' }]);
  });

  it('requires tax_code or source_ref', () => {
    expect(errorsOf(parseRegistrationsCsv(reg(GOOD_REG, 'B,,registered,,,shopee,5,,,'), TODAY))).toEqual([
      { line: 3, message: 'tax_code and source_ref are both empty: the business needs at least one of them' },
    ]);
  });

  it('allows one business on several shops when its details agree', () => {
    const rows = rowsOf(
      parseRegistrationsCsv(
        reg(GOOD_REG, 'Công ty TNHH A,0101234567,đã đăng ký,2023-05-12,,lazada,99,,Shop A Lazada,'),
        TODAY,
      ),
    );
    expect(rows.map((r) => r.business.identity)).toEqual(['0101234567', '0101234567']);
  });

  it('rejects one business with conflicting details, on the later line', () => {
    const errors = errorsOf(
      parseRegistrationsCsv(
        reg(
          GOOD_REG,
          'Công ty TNHH A,0101234567,registered,2023-05-12,,lazada,1,,,',
          'Công ty TNHH A khác,0101234567,revoked,2023-05-13,,tiki,1,,,',
        ),
        TODAY,
      ),
    );
    expect(errors).toEqual([
      {
        line: 4,
        message:
          'business_name: "Công ty TNHH A khác" differs from line 2 ("Công ty TNHH A") for the same business (tax_code 0101234567)',
      },
      { line: 4, message: expect.stringMatching(/^status: "revoked" differs from line 2 \("registered"\)/) },
      { line: 4, message: expect.stringMatching(/^registered_on: "2023-05-13" differs from line 2/) },
    ]);
  });

  it('identifies a business without tax code by its source_ref', () => {
    const errors = errorsOf(
      parseRegistrationsCsv(
        reg(
          'B,,registered,,REF-1,shopee,1,,,',
          'B,,notified,,REF-1,shopee,2,,,',
          'B,,notified,,REF-2,shopee,3,,,',
        ),
        TODAY,
      ),
    );
    expect(errors).toEqual([{ line: 3, message: expect.stringMatching(/^status: .*source_ref "REF-1"/) }]);
  });

  it('rejects the same shop twice, on the later line, by seller id or by slug', () => {
    const errors = errorsOf(
      parseRegistrationsCsv(
        reg(
          GOOD_REG,
          'Công ty TNHH A,0101234567,registered,2023-05-12,,shopee,672907573,,,',
          'Công ty TNHH A,0101234567,registered,2023-05-12,,shopee,,@SHOP.A,,',
          // The same id on another platform is another shop.
          'Công ty TNHH A,0101234567,registered,2023-05-12,,tiki,672907573,shop.a,,',
        ),
        TODAY,
      ),
    );
    expect(errors).toEqual([
      { line: 3, message: 'shop shopee:672907573 already appears on line 2' },
      { line: 4, message: 'shop shopee:@shop.a already appears on line 2' },
    ]);
  });

  it('reports every bad row together, each with its line', () => {
    const errors = errorsOf(
      parseRegistrationsCsv(
        reg(
          'B,123,registered,,,shopee,1,,,',
          GOOD_REG,
          'C,0101234569,unknown,,,shopee,3,,,',
          'D,0101234560,registered,2030-01-01,,ebay,,,,',
        ),
        TODAY,
      ),
    );
    expect(errors.map((e) => [e.line, e.message.split(':')[0]])).toEqual([
      [2, 'tax_code'],
      [4, 'status'],
      [5, 'seller_id and slug are both empty'],
      [5, 'registered_on'],
      [5, 'platform'],
    ]);
  });

  it('reports line numbers of records after a multi-line quoted field', () => {
    const errors = errorsOf(
      parseRegistrationsCsv(
        reg('"Công ty\nnhiều dòng",0101234567,registered,,,shopee,1,,,', 'B,x,registered,,,shopee,2,,,'),
        TODAY,
      ),
    );
    expect(errors).toEqual([{ line: 4, message: expect.stringMatching(/^tax_code: /) }]);
  });

  it('turns malformed CSV into an error with its line', () => {
    expect(
      errorsOf(parseRegistrationsCsv(reg(GOOD_REG, 'B,"0101234567"x,registered,,,shopee,2,,,'), TODAY)),
    ).toEqual([
      { line: 3, message: expect.stringMatching(/^invalid CSV: unexpected text after a closing quote/) },
    ]);
  });

  it('truncates quoted bad values to 80 characters', () => {
    const errors = errorsOf(
      parseRegistrationsCsv(reg(`B,0101234567,${'x'.repeat(500)},,,shopee,2,,,`), TODAY),
    );
    const quoted = /\(got "(.*)"\)$/.exec(errors[0]?.message ?? '')?.[1];
    expect(quoted).toBe(`${'x'.repeat(79)}…`);
  });

  it('caps the error list and says how many more there are', () => {
    const bad = Array.from(
      { length: MAX_REPORTED_ERRORS + 5 },
      (_, i) => `B,bad,registered,,,shopee,${i + 1},,,`,
    );
    const errors = errorsOf(parseRegistrationsCsv(reg(...bad), TODAY));
    expect(errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(errors.at(-1)).toEqual({ line: MAX_REPORTED_ERRORS + 6, message: '5 more errors not shown' });
  });

  it('passes Vietnamese text and SQL metacharacters through verbatim', () => {
    const name = `Công ty TNHH Ánh Dương'; DROP TABLE businesses;-- "Đặc biệt"`;
    const ref = `online.gov.vn/Home/WebDetails/1234?x=1' OR '1'='1`;
    const shop = `Shop "Ưu đãi" 100%; --`;
    const csv = `"${name.replaceAll('"', '""')}",,đã đăng ký,,${ref},sendo,,vi-du,"${shop.replaceAll('"', '""')}",`;
    const [row] = rowsOf(parseRegistrationsCsv(reg(csv), TODAY));
    expect(row?.business.name).toBe(name);
    expect(row?.business.identity).toBe(ref);
    expect(row?.business.sourceRef).toBe(ref);
    expect(row?.shop.name).toBe(shop);
  });

  it('rejects an invalid today argument (a programming error, not a data error)', () => {
    expect(() => parseRegistrationsCsv(reg(GOOD_REG), '2025-02-30')).toThrow(TypeError);
  });
});

// ---- Sanctions ----

const SAN_HEADER = 'platform,seller_id,slug,authority,decision,date,summary,url';

function san(...lines: string[]): string {
  return [SAN_HEADER, ...lines].join('\r\n');
}

const GOOD_SAN =
  'shopee,672907573,,Sở Công Thương Hà Nội,123/QĐ-XPHC,2024-03-15,Bán hàng giả,https://example.org/qd/123';

describe('parseSanctionsCsv', () => {
  it('parses a valid row', () => {
    expect(rowsOf(parseSanctionsCsv(san(GOOD_SAN), TODAY))).toEqual([
      {
        line: 2,
        platform: 'shopee',
        sellerId: '672907573',
        slug: null,
        authority: 'Sở Công Thương Hà Nội',
        decision: '123/QĐ-XPHC',
        date: '2024-03-15',
        summary: 'Bán hàng giả',
        url: 'https://example.org/qd/123',
      },
    ]);
  });

  it('returns no rows for a header-only file and an error for an empty one', () => {
    expect(parseSanctionsCsv(SAN_HEADER, TODAY)).toEqual({ ok: true, rows: [] });
    expect(errorsOf(parseSanctionsCsv('', TODAY))).toEqual([
      { line: 1, message: expect.stringMatching(/^missing header/) },
    ]);
  });

  it('reports missing and unknown columns at line 1', () => {
    const errors = errorsOf(parseSanctionsCsv('platform,slug,authority,fine\nshopee,a,b,1\n', TODAY));
    expect(errors).toEqual([
      { line: 1, message: expect.stringMatching(/unknown column "fine"/) },
      { line: 1, message: expect.stringMatching(/missing required columns decision, date, summary$/) },
    ]);
  });

  const fieldCases: [string, string, RegExp][] = [
    ['platform', 'amazon,1,,A,1/QĐ,2024-01-01,S,', /^platform: .*\(got "amazon"\)$/],
    ['seller_id', 'shopee,abc,,A,1/QĐ,2024-01-01,S,', /^seller_id: .*\(got "abc"\)$/],
    ['slug', 'shopee,,a b,A,1/QĐ,2024-01-01,S,', /^slug: .*\(got "a b"\)$/],
    ['authority', 'shopee,1,,,1/QĐ,2024-01-01,S,', /^authority: is required$/],
    ['authority', `shopee,1,,${'a'.repeat(301)},1/QĐ,2024-01-01,S,`, /^authority: must be at most 300/],
    ['decision', 'shopee,1,,A,,2024-01-01,S,', /^decision: is required$/],
    ['decision', `shopee,1,,A,${'d'.repeat(201)},2024-01-01,S,`, /^decision: must be at most 200/],
    ['date', 'shopee,1,,A,1/QĐ,,S,', /^date: is required$/],
    ['date', 'shopee,1,,A,1/QĐ,2024-1-5,S,', /^date: .*YYYY-MM-DD.*\(got "2024-1-5"\)$/],
    ['date', 'shopee,1,,A,1/QĐ,2023-04-31,S,', /^date: is not a real calendar date/],
    ['date', 'shopee,1,,A,1/QĐ,2026-01-01,S,', /^date: must not be in the future \(today is 2025-06-01\)/],
    ['summary', 'shopee,1,,A,1/QĐ,2024-01-01,,', /^summary: is required$/],
    ['summary', `shopee,1,,A,1/QĐ,2024-01-01,${'s'.repeat(2001)},`, /^summary: must be at most 2000/],
    [
      'url',
      'shopee,1,,A,1/QĐ,2024-01-01,S,javascript:alert(1)',
      /^url: must be an http:\/\/ or https:\/\/ URL/,
    ],
    ['url', 'shopee,1,,A,1/QĐ,2024-01-01,S,ftp://example.org/x', /^url: .*\(got "ftp:\/\/example.org\/x"\)$/],
    ['url', 'shopee,1,,A,1/QĐ,2024-01-01,S,not a url', /^url: /],
  ];
  for (const [column, line, message] of fieldCases) {
    it(`rejects a bad ${column}: ${message.source}`, () => {
      const errors = errorsOf(parseSanctionsCsv(san(GOOD_SAN, line), TODAY));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.line).toBe(3);
      expect(errors[0]?.message).toMatch(message);
    });
  }

  it('requires seller_id or slug', () => {
    expect(errorsOf(parseSanctionsCsv(san('tiki,,,A,1/QĐ,2024-01-01,S,'), TODAY))).toEqual([
      { line: 2, message: 'seller_id and slug are both empty: a shop needs at least one of them' },
    ]);
  });

  it('rejects the same decision for the same shop twice, on the later line', () => {
    const errors = errorsOf(
      parseSanctionsCsv(
        san(
          GOOD_SAN,
          // Same shop and authority, other decision: fine.
          'shopee,672907573,,Sở Công Thương Hà Nội,124/QĐ-XPHC,2024-03-16,Khác,',
          // Same decision for another shop: fine.
          'shopee,5,,Sở Công Thương Hà Nội,123/QĐ-XPHC,2024-03-15,Bán hàng giả,',
          // Duplicate, differing only in case and spacing.
          'shopee,672907573,,sở công thương  hà nội,123/qđ-xphc,2024-03-15,Lặp lại,',
        ),
        TODAY,
      ),
    );
    expect(errors).toEqual([
      {
        line: 5,
        message: expect.stringMatching(
          /^decision "123\/qđ-xphc" .* shop shopee:672907573 already appears on line 2$/,
        ),
      },
    ]);
  });

  it('reports every bad row together', () => {
    const errors = errorsOf(
      parseSanctionsCsv(
        san('shopee,1,,A,1,2099-01-01,S,', GOOD_SAN, 'lazada,,shop-x,,2,2024-01-01,S,http://x'),
        TODAY,
      ),
    );
    expect(errors.map((e) => [e.line, e.message.split(':')[0]])).toEqual([
      [2, 'date'],
      [4, 'authority'],
    ]);
  });

  it('passes Vietnamese text and SQL metacharacters through verbatim', () => {
    const summary = `Kinh doanh hàng giả mạo nhãn hiệu "Ánh Dương"'; DELETE FROM sanctions WHERE '1'='1';--`;
    const text = san(
      `lazada,,Cua-Hang.VN,Cục QLTT; DROP TABLE x;--,99/QĐ-XPHC,2024-01-01,"${summary.replaceAll('"', '""')}",`,
    );
    const [row] = rowsOf(parseSanctionsCsv(text, TODAY));
    expect(row).toMatchObject({
      slug: 'cua-hang.vn',
      authority: 'Cục QLTT; DROP TABLE x;--',
      summary,
      url: null,
    });
  });

  it('normalises slugs like registrations do', () => {
    const [row] = rowsOf(
      parseSanctionsCsv(san('tiktok,,@Shop_X,A,1/QĐ,2024-01-01,S,http://example.org'), TODAY),
    );
    expect(row).toMatchObject({
      platform: 'tiktok',
      sellerId: null,
      slug: 'shop_x',
      url: 'http://example.org',
    });
  });
});

describe('examples', () => {
  it('examples/registrations.csv parses', () => {
    const text = readFileSync(new URL('../../examples/registrations.csv', import.meta.url), 'utf8');
    const rows = rowsOf(parseRegistrationsCsv(text, TODAY));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.business.name).toContain('(ví dụ)');
      expect(row.business.sourceRef).toMatch(/^VÍ DỤ-/);
    }
  });

  it('examples/sanctions.csv parses', () => {
    const text = readFileSync(new URL('../../examples/sanctions.csv', import.meta.url), 'utf8');
    const rows = rowsOf(parseSanctionsCsv(text, TODAY));
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(`${row.authority} ${row.decision}`).toContain('VÍ DỤ');
  });
});
