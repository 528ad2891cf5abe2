import type { CustomerBatchWriter } from '../../../lambdas/shared/customer-data/customer-batch-writer';
import { csvImportRecords, importCustomers } from '../../../lambdas/shared/customer-data/customer-import';
import type { CustomerInput } from '../../../lambdas/shared/customer-data/customer-store';

/** The streaming import against a recording writer (the port; the DynamoDB adapter has its own tests). */

function csv(rows: number): string {
  const lines = Array.from({ length: rows }, (_, i) => `CRM-${i},顧客 ${i},090-1234-${String(i).padStart(4, '0')}`);
  return ['customerId,name,phones', ...lines].join('\n');
}

function recordingWriter(delayMs = 0) {
  const batches: CustomerInput[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const writer: CustomerBatchWriter = {
    async writeCustomers(customers) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      batches.push([...customers]);
      // Later batches finish first: the summary must still list customers in file order.
      await new Promise((r) => setTimeout(r, delayMs * (10 - batches.length)));
      inFlight--;
      return customers.map(() => 'created' as const);
    },
  };
  return { writer, batches, maxInFlight: () => maxInFlight };
}

describe('importCustomers (streaming)', () => {
  it('writes in batches with a bounded number in flight and reports customers in file order', async () => {
    // Prepare
    const { writer, batches, maxInFlight } = recordingWriter(2);

    // Act
    const summary = await importCustomers({
      records: csvImportRecords([csv(95)]),
      writer,
      defaultCountry: 'JP',
      batchSize: 10,
      concurrency: 3,
    });

    // Assess
    expect(batches.map((b) => b.length)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 5]);
    expect(maxInFlight()).toBe(3);
    expect(summary).toMatchObject({ total: 95, imported: 95, created: 95, rejected: [] });
    expect(summary.customers.map((c) => c.customerId)).toEqual(Array.from({ length: 95 }, (_, i) => `CRM-${i}`));
  });

  it('stops reading when interrupted (Ctrl-C) and reports only what was written', async () => {
    const controller = new AbortController();
    const { writer } = recordingWriter();
    let progressCalls = 0;

    const summary = await importCustomers({
      records: csvImportRecords([csv(50)]),
      writer,
      defaultCountry: 'JP',
      batchSize: 10,
      concurrency: 1,
      signal: controller.signal,
      onProgress: () => {
        progressCalls++;
        if (progressCalls === 2) controller.abort();
      },
    });

    expect(summary.imported).toBe(20);
    expect(summary.total).toBeLessThan(50);
  });
});
