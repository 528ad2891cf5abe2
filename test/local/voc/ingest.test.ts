import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDay } from '../../../lambdas/shared/local-day';
import { DEMO_CUSTOMERS } from '../../../local/seed/demo-data';
import { localVocDashboard } from '../../../local/voc/dashboard';
import { DECLINING_DEMO_CUSTOMER, generateDemoVocHistory } from '../../../local/voc/demo-history';
import { ingestVocFile, ingestVocMessages } from '../../../local/voc/ingest';
import { renderVocReportHtml } from '../../../local/voc/render-html';
import { DuckDbVocReportEngine, runVocReports } from '../../../local/voc/reports';

const fixture = join(__dirname, '../../fixtures/voc/messages.jsonl');
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'voc-ingest-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('voc ingest (local)', () => {
  it('reports invalid lines by number, skips them, analyzes the rest and counts duplicates', async () => {
    const summary = await ingestVocFile(fixture, { home });
    expect(summary.invalid.map((i) => i.line)).toEqual([4, 5, 8]);
    expect(summary.invalid[1]?.reason).toMatch(/^channel: /);
    expect(summary.invalid[2]?.reason).toMatch(/^at: /);
    expect(summary).toMatchObject({
      lines: 8,
      valid: 5,
      analyzed: 4,
      duplicates: 1,
      failed: [],
      engine: 'lexicon-approximation',
    });
    expect(summary.redactions).toMatchObject({ EMAIL: 1, PHONE: 2, POSTAL_CODE: 1 });
    // Partitions are Tokyo days: the form sent at 03:00 JST on 04-02 (04-01 in UTC) is a 04-02 message.
    expect(readdirSync(join(home, 'lake', 'voc')).sort()).toEqual(['dt=2025-04-01', 'dt=2025-04-02', 'dt=2025-04-03']);

    // A second run: everything is a duplicate, nothing is written twice.
    const again = await ingestVocFile(fixture, { home });
    expect(again).toMatchObject({ analyzed: 0, duplicates: 5 });
    const engine = new DuckDbVocReportEngine(join(home, 'lake', 'voc'));
    try {
      const report = await runVocReports(engine, '2025-04-01', '2025-04-03', ['volume-by-channel-day']);
      const total = (report.reports['volume-by-channel-day'] ?? []).reduce((s, r) => s + Number(r.messages), 0);
      expect(total).toBe(4);
    } finally {
      engine.close();
    }
  });

  it('never writes raw PII or redaction placeholders as key phrases to the lake', async () => {
    await ingestVocFile(fixture, { home });
    const engine = new DuckDbVocReportEngine(join(home, 'lake', 'voc'));
    try {
      const sql = 'SELECT text_redacted, key_phrases FROM voc_messages WHERE dt BETWEEN ? AND ?';
      const rows = await engine.run('volume-by-channel-day', sql, '2025-01-01', '2025-12-31');
      const all = JSON.stringify(rows);
      expect(all).not.toMatch(/090-1234-5678|me@example\.com|206-555-0100|100-0001/);
      expect(all).toContain('[PHONE]');
      for (const r of rows) expect(r.key_phrases as string[]).not.toContain('phone');
    } finally {
      engine.close();
    }
  });
});

describe('demo history and dashboard', () => {
  it('generates deterministic weeks of multi-channel ja/en history from the seeded demo customers', () => {
    const until = new Date('2025-04-28T12:00:00Z'); // 21:00 in Tokyo
    const a = generateDemoVocHistory({ days: 28, perDay: 10, seed: 7, until });
    expect(a).toEqual(generateDemoVocHistory({ days: 28, perDay: 10, seed: 7, until }));
    expect(a.length).toBeGreaterThan(270);
    expect(a.length).toBeLessThanOrEqual(280);
    expect(new Set(a.map((m) => m.channel)).size).toBeGreaterThanOrEqual(4);
    expect(a.some((m) => m.language === 'en-US')).toBe(true);
    expect(a.some((m) => m.tier === 'gold')).toBe(true);
    expect(a.some((m) => m.tier === 'platinum')).toBe(true);
    // Every customer it names exists in the demo store, with the tier the store has.
    const seeded = new Map(DEMO_CUSTOMERS.map(({ customer }) => [customer.customerId, customer.tier ?? 'standard']));
    for (const m of a) if (m.customerId) expect(m.tier).toBe(seeded.get(m.customerId));
    // Days are Tokyo days: the first message is after midnight JST on 04-01, none after `until`.
    expect(localDay(a[0]?.at as string, 'Asia/Tokyo')).toBe('2025-04-01');
    expect(a[0]?.at.localeCompare('2025-03-31T15:00:00.000Z')).toBeGreaterThanOrEqual(0);
    expect(localDay(a.at(-1)?.at as string, 'Asia/Tokyo')).toBe('2025-04-28');
    expect(a.filter((m) => new Date(m.at) > until)).toEqual([]);
  });

  it('ingests the demo history and serves JSON plus a self-contained HTML page', async () => {
    const until = new Date();
    await ingestVocMessages(generateDemoVocHistory({ days: 21, perDay: 15, seed: 3, until }), { home });
    const { json, html } = await localVocDashboard({ home });
    expect((json.reports['volume-by-channel-day'] ?? []).length).toBeGreaterThan(21);
    expect(json.reports['declining-customers']?.map((r) => r.customer_id)).toContain(DECLINING_DEMO_CUSTOMER);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(renderVocReportHtml({ from: 'a', to: '<b>', reports: {} }, { timeZone: 'Asia/Tokyo' })).toContain(
      '&lt;b&gt;',
    );
  });
});
