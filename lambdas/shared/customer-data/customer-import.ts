import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CsvSyntaxError, parseCsv } from '../csv';
import { normalizePhone } from '../phone';
import type { CustomerInput, CustomerStore } from './customer-store';
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

export interface ParsedImport {
  customers: { record: number; line?: number; customer: CustomerInput }[];
  issues: ImportIssue[];
  total: number;
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

/** Validates raw records (objects from JSON or CSV) and normalizes phone numbers with `defaultCountry`. */
export function validateImportRecords(raw: { value: unknown; line?: number }[], defaultCountry: string): ParsedImport {
  const out: ParsedImport = { customers: [], issues: [], total: raw.length };
  const seen = new Map<string, number>();
  raw.forEach(({ value, line }, record) => {
    const at = line === undefined ? { record } : { record, line };
    const issues: ImportIssue[] = [];
    const parsed = CustomerImportRecordSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ ...at, field: formatPath(issue.path), reason: issue.message });
      }
      out.issues.push(...issues);
      return;
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
    if (issues.length > 0) {
      out.issues.push(...issues);
      return;
    }
    const customerId = r.customerId ?? deterministicCustomerId({ name: r.name, phones, email: r.email });
    const previous = seen.get(customerId);
    if (previous !== undefined) {
      out.issues.push({ ...at, field: 'customerId', reason: `duplicate of record ${previous} (${customerId})` });
      return;
    }
    seen.set(customerId, record);
    const customer: CustomerInput = {
      customerId,
      name: r.name,
      phones: [...new Set(phones)],
      tier: r.tier,
      language: r.language,
    };
    if (r.email) customer.email = r.email;
    if (r.latestInquiry) customer.latestInquiry = r.latestInquiry;
    out.customers.push({ ...at, customer });
  });
  return out;
}

/** Turns CSV text into raw records (empty cells are absent fields). */
export function csvToRecords(text: string): { value: Record<string, unknown>; line: number }[] {
  let rows: ReturnType<typeof parseCsv>;
  try {
    rows = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ImportFileError(`not valid CSV: ${err.message}`, { cause: err });
    throw err;
  }
  const [header, ...data] = rows;
  if (!header) return [];
  const columns = header.fields.map((c) => c.trim());
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw new ImportFileError(
      `line ${header.line}: unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')} (expected: ${CSV_COLUMNS.join(', ')})`,
    );
  }
  if (!columns.includes('name')) throw new ImportFileError(`line ${header.line}: a "name" column is required`);
  return data.map(({ line, fields }) => {
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
    return { value, line };
  });
}

/** Reads an import file's text: JSON (an array) or CSV, chosen by extension, else by the first character. */
export function parseImportText(text: string, fileName: string, defaultCountry: string): ParsedImport {
  const lower = fileName.toLowerCase();
  const looksJson =
    lower.endsWith('.json') || (!lower.endsWith('.csv') && /^\s*[[{]/.test(text.replace(/^\uFEFF/, '')));
  if (!looksJson) return validateImportRecords(csvToRecords(text), defaultCountry);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportFileError(`not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(raw)) throw new ImportFileError('expected a JSON array of customer records');
  return validateImportRecords(
    raw.map((value) => ({ value })),
    defaultCountry,
  );
}

export interface ImportSummary {
  total: number;
  imported: number;
  created: number;
  updated: number;
  rejected: ImportIssue[];
  customers: { customerId: string; created: boolean }[];
}

/** Writes the valid customers of a parsed import (idempotent: putCustomer upserts by customerId). */
export async function importCustomers(store: CustomerStore, parsed: ParsedImport): Promise<ImportSummary> {
  const summary: ImportSummary = {
    total: parsed.total,
    imported: 0,
    created: 0,
    updated: 0,
    rejected: parsed.issues,
    customers: [],
  };
  const queue = [...parsed.customers];
  // A few writes in flight keep a large import fast without throttling an on-demand table.
  const workers = Array.from({ length: Math.min(8, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { created } = await store.putCustomer(next.customer);
      summary.imported++;
      if (created) summary.created++;
      else summary.updated++;
      summary.customers.push({ customerId: next.customer.customerId, created });
    }
  });
  await Promise.all(workers);
  const order = new Map(parsed.customers.map((c, i) => [c.customer.customerId, i]));
  summary.customers.sort((a, b) => order.get(a.customerId)! - order.get(b.customerId)!);
  return summary;
}
