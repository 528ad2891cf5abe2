import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';

/**
 * CSV through the maintained csv-parse / csv-stringify (RFC 4180: fields optionally in double quotes,
 * `""` for a quote inside them, quoted fields may hold commas and line breaks; CRLF, LF or CR line
 * ends; a UTF-8 BOM is ignored; blank lines are no record).
 */

export interface CsvRow {
  /** 1-based line where the row starts (a quoted field may span several lines). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    options?: { cause?: unknown },
  ) {
    super(`line ${line}: ${message}`, options);
    this.name = 'CsvSyntaxError';
  }
}

const LINE_BREAK = /\r\n|\r|\n/g;

/** What went wrong, in words a person editing the file understands (csv-parse's own messages name internals). */
function describeCsvError(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is not closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'unexpected character after a closing quote (expected "," or end of line)';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'unexpected character after a closing quote (expected "," or end of line)';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote inside an unquoted field (quote the whole field)';
    default:
      return err.message;
  }
}

/**
 * Reads CSV rows as they arrive (streaming: memory stays flat whatever the file size). `source` yields
 * decoded text in chunks of any size.
 */
export async function* readCsvRows(source: AsyncIterable<string> | Iterable<string>): AsyncGenerator<CsvRow> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // Without a list csv-parse takes the first line end it meets as the only one.
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  // pipeline: backpressure both ways, and a parser that stops (an error, a consumer that breaks off)
  // stops the source too instead of leaving a writer waiting for a drain that never comes.
  pipeline(Readable.from(source), parser, () => undefined);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const spanned = record.reduce((n, field) => n + (field.match(LINE_BREAK)?.length ?? 0), 0);
      yield { line: info.lines - spanned, fields: record };
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const lines = (err as unknown as { lines?: unknown }).lines;
      const line = typeof lines === 'number' ? lines : 0;
      throw new CsvSyntaxError(describeCsvError(err), line, { cause: err });
    }
    throw err;
  } finally {
    parser.destroy();
  }
}

/** Parses a whole CSV text (small inputs and tests); see {@link readCsvRows}. */
export async function parseCsv(text: string): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const row of readCsvRows([text])) rows.push(row);
  return rows;
}

export type CsvCell = string | number | boolean | null | undefined;

/**
 * Writes CSV (LF line ends). Text cells starting with `=`, `+`, `-`,
 * `@`, tab or CR are prefixed with `'` so that a spreadsheet shows them as text instead of running
 * them as a formula (CSV injection); numbers keep their sign.
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return stringify([header as string[], ...(rows as CsvCell[][])], {
    escape_formulas: true,
    record_delimiter: 'unix',
    cast: { boolean: (v) => (v ? 'true' : 'false') },
  });
}
