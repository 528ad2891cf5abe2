import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { normalizePhone } from '../../lambdas/shared/phone';
import { DEMO_CUSTOMERS, DEMO_NUMBERS } from '../../local/seed/demo-data';

/**
 * examples/customers.csv (the README imports it next to the demo data): new customers only, on numbers
 * no demo customer has, so importing it never turns a demo caller into a shared, unnamed household.
 */

const rows = parse(readFileSync(path.resolve(__dirname, '../../examples/customers.csv'), 'utf8'), {
  columns: true,
}) as Record<string, string>[];

function e164(raw: string): string {
  const n = normalizePhone(raw, 'JP');
  if (!n.ok) throw new Error(`${raw}: not a phone number`);
  return n.e164;
}

test('its customers are new, with ids of the C-xxxx scheme', () => {
  const demoIds = new Set(DEMO_CUSTOMERS.map((d) => d.customer.customerId));
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    expect(r.customerId).toMatch(/^C-\d{4}$/);
    expect(demoIds.has(r.customerId as string)).toBe(false);
  }
});

test('its numbers belong to no demo customer and are not the demo "unknown" number', () => {
  const taken = new Set<string>([
    ...DEMO_CUSTOMERS.flatMap((d) => d.customer.phones ?? []),
    ...DEMO_NUMBERS.flatMap((n) => (n.e164 ? [n.e164] : [])),
  ]);
  const phones = rows.flatMap((r) =>
    (r.phones ?? '')
      .split(';')
      .filter((p) => p !== '')
      .map(e164),
  );
  expect(phones.length).toBeGreaterThan(0);
  expect(phones.filter((p) => taken.has(p))).toEqual([]);
  expect(new Set(phones).size).toBe(phones.length);
});

test('its Japanese customers carry their reading (nameKana), valid for the import; nobody else gets one invented', async () => {
  const { csvImportRecords, validateImportRecord } = await import('../../lambdas/shared/customer-data/customer-import');
  const seen = new Map<string, number>();
  const customers = [];
  for await (const raw of csvImportRecords([
    readFileSync(path.resolve(__dirname, '../../examples/customers.csv'), 'utf8'),
  ])) {
    const result = validateImportRecord(raw, 'JP', seen);
    expect(result.issues).toBeUndefined();
    customers.push(result.customer!);
  }
  expect(customers.find((c) => c.customerId === 'C-3001')?.nameKana).toBe('イトウ ナオキ');
  expect(customers.find((c) => c.customerId === 'C-3005')?.nameKana).toBeUndefined();
});

test('the Japanese demo customers carry a katakana reading', () => {
  const japanese = DEMO_CUSTOMERS.filter((d) => d.customer.language === 'ja-JP');
  expect(japanese.length).toBeGreaterThan(0);
  for (const d of japanese) expect(d.customer.nameKana).toMatch(/^[\u30a1-\u30fc ]+$/);
});
