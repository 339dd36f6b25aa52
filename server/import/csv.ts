/**
 * A small, strict RFC 4180 CSV reader for the admin imports. Strict because the files feed public
 * trust records: a stray quote more likely means a broken export than intent, so it is an error
 * with a line number rather than a silent guess. Admin uploads are untrusted input, so every loop
 * advances through the text and the sizes are capped: malformed or hostile files fail fast.
 */

/** More records than any real registry export; a bigger file is a mistake or an attack. */
export const MAX_RECORDS = 200_000;
/** Longer than any legitimate value (summaries are capped at 2,000 characters downstream). */
export const MAX_FIELD_LENGTH = 10_000;

export interface CsvRecord {
  /** 1-based physical line on which the record starts (a quoted field may span several lines). */
  line: number;
  fields: string[];
}

export interface CsvParseResult {
  records: CsvRecord[];
}

/** Malformed CSV; `line` is the physical line where the problem is (1-based). */
export class CsvError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/** Line breaks in a slice of raw text; CRLF is one break, a lone CR (old Mac exports) is one too. */
function countLineBreaks(text: string): number {
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) breaks++;
    else if (c === CR) {
      breaks++;
      if (text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return breaks;
}

function tooLong(line: number): CsvError {
  return new CsvError(line, `a field is longer than ${MAX_FIELD_LENGTH} characters`);
}

/**
 * Work that can be cut into slices: a generator that yields (nothing) between steps of bounded
 * cost and returns its result. `runToEnd` runs it at once; `runInSlices` gives the event loop a
 * turn between slices, so that a 5 MB admin upload never holds lookups up for long.
 */
export type Steps<T> = Generator<void, T, void>;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How long one slice may run before the event loop gets a turn (milliseconds). */
export const SLICE_MS = 10;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let start = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - start >= sliceMs) {
      await nextTurn();
      start = performance.now();
    }
  }
}

/**
 * Parses CSV text into records of raw (untrimmed) fields. Blank lines are skipped; a trailing line
 * break does not make an empty record. Throws CsvError on malformed input or when a cap is exceeded.
 */
export function parseCsv(text: string): CsvParseResult {
  return runToEnd(readCsv(text));
}

/** `parseCsv` in steps: yields after every record (see `Steps`). */
export function* readCsv(text: string): Steps<CsvParseResult> {
  const records: CsvRecord[] = [];
  const n = text.length;
  // Spreadsheet programs (Excel "CSV UTF-8") prefix a BOM; it is not part of the first column name.
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;

  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let anyQuoted = false;

    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        anyQuoted = true;
        const fieldLine = line;
        value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            throw new CsvError(
              fieldLine,
              'unterminated quoted field: a field that starts with " must end with " (write "" for a quote inside it)',
            );
          }
          const piece = text.slice(j, q);
          line += countLineBreaks(piece);
          value += piece;
          if (text.charCodeAt(q + 1) === QUOTE) {
            // A doubled quote inside a quoted field stands for one literal quote.
            value += '"';
            j = q + 2;
          } else {
            i = q + 1;
            break;
          }
          if (value.length > MAX_FIELD_LENGTH) throw tooLong(fieldLine);
        }
        if (value.length > MAX_FIELD_LENGTH) throw tooLong(fieldLine);
        const next = text.charCodeAt(i);
        if (i < n && next !== COMMA && next !== LF && next !== CR) {
          throw new CsvError(
            line,
            `unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 20))} (a quoted field must be followed by a comma or the end of the line)`,
          );
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) {
            throw new CsvError(
              line,
              'a " in the middle of an unquoted field: put the whole field in quotes and write the quote as ""',
            );
          }
          j++;
          if (j - i > MAX_FIELD_LENGTH) throw tooLong(line);
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);

      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      // End of the record: a line break (CRLF, LF or CR) or the end of the text.
      if (c === CR) {
        i++;
        if (text.charCodeAt(i) === LF) i++;
        line++;
      } else if (c === LF) {
        i++;
        line++;
      }
      break;
    }

    const blank = !anyQuoted && fields.length === 1 && fields[0]?.trim() === '';
    if (!blank) {
      if (records.length >= MAX_RECORDS) {
        throw new CsvError(recordLine, `too many records: at most ${MAX_RECORDS} per file`);
      }
      records.push({ line: recordLine, fields });
    }
    yield;
  }

  return { records };
}
