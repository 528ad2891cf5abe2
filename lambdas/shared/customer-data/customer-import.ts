import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type CsvRow, CsvSyntaxError, readCsvRows } from '../csv';
import { normalizePhone } from '../phone';
import type { CustomerBatchWriter, CustomerWriteOutcome } from './customer-batch-writer';
import type { CustomerInput } from './customer-store';
import { KANA_READING, normalizeKana } from './kana';
import { INQUIRY_STATUSES, LANGUAGES, TIERS } from './model';

/**
 * Customer import (architecture.md, "Customer import record"): JSON array or CSV with the same
 * column names (`phones` separated by `;`, the inquiry as `latestInquiry.id`, `latestInquiry.subject`,
 * `latestInquiry.status`). Records are validated one by one; bad ones are reported and the rest imported.
 *
 * Records without a customerId get a deterministic one, so re-importing the same file never creates
 * duplicates: `C-` + 16 hex digits of SHA-256 over the email address (lowercased) when there is one,
 * else over the first phone number (E.164) and the name (NFKC, spaces removed) — a household sharing
 * a number still gets one id per person. A record with neither email nor phone needs a customerId.
 */

const customerIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/, 'expected letters, digits and "_ . : @ -" (no spaces)');

export const CustomerImportRecordSchema = z
  .object({
    customerId: customerIdSchema.optional(),
    name: z.string().trim().min(1, 'expected a non-empty name').max(200),
    /** Furigana (ヤマダ タロウ, やまだ たろう or ﾔﾏﾀﾞ ﾀﾛｳ): stored in full-width katakana. */
    nameKana: z
      .string()
      .max(200)
      .transform(normalizeKana)
      .pipe(
        z
          .string()
          .regex(KANA_READING, 'expected the reading in katakana or hiragana, such as ヤマダ タロウ')
          .or(z.literal('')),
      )
      .optional(),
    phones: z.array(z.string()).max(20).default([]),
    email: z.email('expected an email address').max(254).optional(),
    tier: z.enum(TIERS).default('standard'),
    language: z.enum(LANGUAGES).default('ja-JP'),
    latestInquiry: z
      .object({
        id: z.string().trim().min(1).max(128),
        subject: z.string().trim().min(1).max(1000),
        status: z.enum(INQUIRY_STATUSES),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CustomerImportRecord = z.input<typeof CustomerImportRecordSchema>;

export interface ImportIssue {
  /** 0-based index in the JSON array (CSV: index among data rows). */
  record: number;
  /** CSV only: 1-based line of the row in the file. */
  line?: number;
  /** Field path such as `phones[1]` or `latestInquiry.status`; `(record)` for the record as a whole. */
  field: string;
  reason: string;
}

/** A file that cannot be read as an import at all (as opposed to individual bad records). */
export class ImportFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportFileError';
  }
}

export const CSV_COLUMNS = [
  'customerId',
  'name',
  'nameKana',
  'phones',
  'email',
  'tier',
  'language',
  'latestInquiry.id',
  'latestInquiry.subject',
  'latestInquiry.status',
] as const;

export function deterministicCustomerId(customer: { name: string; phones: string[]; email?: string }): string {
  const basis = customer.email
    ? `email:${customer.email.trim().toLowerCase()}`
    : `phone:${customer.phones[0]}|name:${customer.name.normalize('NFKC').replace(/\s+/g, '')}`;
  return `C-${createHash('sha256').update(basis, 'utf8').digest('hex').slice(0, 16)}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(record)';
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc === '' ? String(p) : `${acc}.${String(p)}`),
    '',
  );
}

/** One record as read from the file, before validation. */
export interface RawImportRecord {
  /** 0-based index among the file's records. */
  record: number;
  /** CSV: 1-based line where the row starts. */
  line?: number;
  value: unknown;
}

/**
 * Validates one record and normalizes its phone numbers with `defaultCountry`; `seen` (customerId →
 * record index) rejects a second record for the same customer in one file.
 */
export function validateImportRecord(
  raw: RawImportRecord,
  defaultCountry: string,
  seen: Map<string, number>,
): { customer: CustomerInput; issues?: undefined } | { customer?: undefined; issues: ImportIssue[] } {
  const at = raw.line === undefined ? { record: raw.record } : { record: raw.record, line: raw.line };
  const issues: ImportIssue[] = [];
  const parsed = CustomerImportRecordSchema.safeParse(raw.value);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((issue) => ({ ...at, field: formatPath(issue.path), reason: issue.message })),
    };
  }
  const r = parsed.data;
  const phones: string[] = [];
  r.phones.forEach((p, i) => {
    const n = normalizePhone(p, defaultCountry);
    if (n.ok) phones.push(n.e164);
    else
      issues.push({
        ...at,
        field: `phones[${i}]`,
        reason: `expected a phone number such as 03-1234-5678 or +81 3 1234 5678, got "${p}"`,
      });
  });
  if (!r.customerId && phones.length === 0 && !r.email && issues.length === 0) {
    issues.push({ ...at, field: 'customerId', reason: 'required when the record has neither phones nor email' });
  }
  if (issues.length > 0) return { issues };
  const customerId = r.customerId ?? deterministicCustomerId({ name: r.name, phones, email: r.email });
  const previous = seen.get(customerId);
  if (previous !== undefined) {
    return { issues: [{ ...at, field: 'customerId', reason: `duplicate of record ${previous} (${customerId})` }] };
  }
  seen.set(customerId, raw.record);
  const customer: CustomerInput = {
    customerId,
    name: r.name,
    phones: [...new Set(phones)],
    tier: r.tier,
    language: r.language,
  };
  // No reading is ever guessed from the kanji: a wrong one would find (and hide) the wrong customer.
  if (r.nameKana) customer.nameKana = r.nameKana;
  if (r.email) customer.email = r.email;
  if (r.latestInquiry) customer.latestInquiry = r.latestInquiry;
  return { customer };
}

/** The header row of a customer CSV: its columns, checked against {@link CSV_COLUMNS}. */
function csvColumns(header: CsvRow): string[] {
  const columns = header.fields.map((c) => c.trim());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw new ImportFileError(
      `line ${header.line}: unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')} (expected: ${CSV_COLUMNS.join(', ')})`,
    );
  }
  if (!columns.includes('name')) throw new ImportFileError(`line ${header.line}: a "name" column is required`);
  return columns;
}

/**
 * Reads customer records from CSV text as it arrives (empty cells are absent fields; every cell is
 * text: a cell such as `=HYPERLINK(…)` is stored as written, never evaluated).
 */
export async function* csvImportRecords(
  text: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<RawImportRecord> {
  let columns: string[] | undefined;
  let record = 0;
  try {
    for await (const { line, fields } of readCsvRows(text)) {
      if (!columns) {
        columns = csvColumns({ line, fields });
        continue;
      }
      const value: Record<string, unknown> = {};
      const inquiry: Record<string, string> = {};
      columns.forEach((column, i) => {
        const cell = fields[i]?.trim() ?? '';
        if (cell === '') return;
        if (column.startsWith('latestInquiry.')) inquiry[column.slice('latestInquiry.'.length)] = cell;
        else if (column === 'phones')
          value.phones = cell
            .split(';')
            .map((p) => p.trim())
            .filter((p) => p !== '');
        else value[column] = cell;
      });
      if (Object.keys(inquiry).length > 0) value.latestInquiry = inquiry;
      if (fields.length > columns.length) value['(extra cells)'] = fields.slice(columns.length).join(',');
      yield { record: record++, line, value };
    }
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ImportFileError(`not valid CSV: ${err.message}`, { cause: err });
    throw err;
  }
}

/** Reads customer records from the text of a JSON array. */
export function jsonImportRecords(text: string): RawImportRecord[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportFileError(`not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(raw)) throw new ImportFileError('expected a JSON array of customer records');
  return raw.map((value, record) => ({ record, value }));
}

/** Whether an import file is JSON (by extension, else by its first character) rather than CSV. */
export function isJsonImport(fileName: string, head: string): boolean {
  const lower = fileName.toLowerCase();
  return lower.endsWith('.json') || (!lower.endsWith('.csv') && /^\s*[[{]/.test(head.replace(/^\uFEFF/, '')));
}

export interface ImportSummary {
  total: number;
  imported: number;
  created: number;
  /** Customers that existed before (changed or not). */
  updated: number;
  /** Of `updated`: customers whose stored profile already matched the file. */
  unchanged: number;
  rejected: ImportIssue[];
  customers: { customerId: string; created: boolean }[];
}

/** Thrown when the store fails part-way; `summary` is what was written before it (re-run to finish). */
export class ImportInterruptedError extends Error {
  constructor(
    message: string,
    readonly summary: ImportSummary,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImportInterruptedError';
  }
}

export interface ImportOptions {
  records: AsyncIterable<RawImportRecord> | Iterable<RawImportRecord>;
  writer: CustomerBatchWriter;
  /** ISO country for national phone numbers. */
  defaultCountry: string;
  /** Customers per writer call. @default 100 */
  batchSize?: number;
  /** Writer calls in flight. @default 4 */
  concurrency?: number;
  /** Called after each batch is written (progress display). */
  onProgress?: (summary: Readonly<ImportSummary>) => void;
  /** Stops reading new records when aborted (Ctrl-C); the batches in flight finish. */
  signal?: AbortSignal;
}

/**
 * Validates and writes records as they are read: a bounded number of batches in flight, so memory stays
 * flat on a file of any size. Idempotent (customer ids are given or deterministic and writes are
 * upserts): after an interruption the same import finishes the job without duplicates.
 */
export async function importCustomers(options: ImportOptions): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 100;
  const concurrency = options.concurrency ?? 4;
  const summary: ImportSummary = {
    total: 0,
    imported: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    customers: [],
  };
  const order: number[] = [];
  const seen = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;

  const launch = (batch: { record: number; customer: CustomerInput }[]) => {
    const task = options.writer
      .writeCustomers(batch.map((b) => b.customer))
      .then((outcomes: CustomerWriteOutcome[]) => {
        outcomes.forEach((outcome, i) => {
          const { record, customer } = batch[i]!;
          summary.imported++;
          if (outcome === 'created') summary.created++;
          else summary.updated++;
          if (outcome === 'unchanged') summary.unchanged++;
          summary.customers.push({ customerId: customer.customerId, created: outcome === 'created' });
          order.push(record);
        });
        options.onProgress?.(summary);
      })
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  let batch: { record: number; customer: CustomerInput }[] = [];
  for await (const raw of options.records) {
    if (failure || options.signal?.aborted) break;
    summary.total++;
    const result = validateImportRecord(raw, options.defaultCountry, seen);
    if (result.issues) summary.rejected.push(...result.issues);
    else batch.push({ record: raw.record, customer: result.customer });
    if (batch.length >= batchSize) {
      launch(batch);
      batch = [];
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
  }
  if (batch.length > 0 && !failure && !options.signal?.aborted) launch(batch);
  await Promise.all(inFlight);

  // Customers in file order, whatever order the batches finished in.
  const byRecord = summary.customers.map((c, i) => ({ c, record: order[i]! }));
  byRecord.sort((a, b) => a.record - b.record);
  summary.customers = byRecord.map((x) => x.c);
  if (failure) {
    const cause = failure.error as Error;
    throw new ImportInterruptedError(`the store failed part-way: ${cause.message}`, summary, { cause });
  }
  return summary;
}
