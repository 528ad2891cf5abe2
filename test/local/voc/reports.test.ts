import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VocLakeRecord } from '../../../lambdas/shared/voc/voc-lake';
import { VOC_REPORTS } from '../../../lib/voc/reports';
import { LocalVocLake } from '../../../local/voc/local-lake';
import { DuckDbVocReportEngine, runVocReports, VocReportInputError } from '../../../local/voc/reports';

const fixture = readFileSync(join(__dirname, '../../fixtures/voc/lake-records.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as VocLakeRecord);

let dir: string;
let engine: DuckDbVocReportEngine;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'voc-reports-'));
  const lake = new LocalVocLake(join(dir, 'voc'));
  // Two writes, as two ingests would: reports read every file of every partition.
  await lake.put(fixture.slice(0, 6));
  await lake.put(fixture.slice(6));
  engine = new DuckDbVocReportEngine(join(dir, 'voc'));
});

afterAll(() => {
  engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('local VOC lake', () => {
  it('writes Parquet files under dt=YYYY-MM-DD partitions', () => {
    const partitions = readdirSync(join(dir, 'voc')).sort();
    expect(partitions).toEqual(['dt=2025-03-31', 'dt=2025-04-01', 'dt=2025-04-02', 'dt=2025-04-03']);
    for (const p of partitions) {
      for (const f of readdirSync(join(dir, 'voc', p))) expect(f).toMatch(/^part-\d+-[0-9a-f-]+\.parquet$/);
    }
  });
});

describe('VOC report SQL on DuckDB (fixture lake)', () => {
  it('volume by channel and day', async () => {
    const { reports } = await runVocReports(engine, '2025-04-01', '2025-04-03', ['volume-by-channel-day']);
    expect(reports['volume-by-channel-day']).toEqual([
      { day: '2025-04-01', channel: 'CHAT', messages: 2 },
      { day: '2025-04-01', channel: 'EMAIL', messages: 1 },
      { day: '2025-04-02', channel: 'CHAT', messages: 1 },
      { day: '2025-04-02', channel: 'EMAIL', messages: 1 },
      { day: '2025-04-02', channel: 'VOICE', messages: 1 },
      { day: '2025-04-03', channel: 'CHAT', messages: 4 },
      { day: '2025-04-03', channel: 'WEB_FORM', messages: 1 },
    ]);
  });

  it('sentiment mix and average score by channel and day', async () => {
    const { reports } = await runVocReports(engine, '2025-04-01', '2025-04-03', ['sentiment-by-channel-day']);
    const row = (day: string, channel: string, counts: number[], avg: number) => ({
      day,
      channel,
      messages: counts.reduce((a, b) => a + b, 0),
      positive: counts[0],
      negative: counts[1],
      neutral: counts[2],
      mixed: counts[3],
      avg_score: avg,
    });
    expect(reports['sentiment-by-channel-day']).toEqual([
      row('2025-04-01', 'CHAT', [1, 1, 0, 0], 0.0625),
      row('2025-04-01', 'EMAIL', [0, 0, 1, 0], 0),
      row('2025-04-02', 'CHAT', [0, 0, 0, 1], 0.125),
      row('2025-04-02', 'EMAIL', [0, 1, 0, 0], -0.875),
      row('2025-04-02', 'VOICE', [0, 1, 0, 0], -0.75),
      row('2025-04-03', 'CHAT', [0, 1, 2, 0], -0.25),
      row('2025-04-03', 'WEB_FORM', [0, 0, 1, 0], 0),
    ]);
  });

  it('top key phrases in negative messages', async () => {
    const { reports } = await runVocReports(engine, '2025-04-01', '2025-04-03', ['negative-key-phrases']);
    expect(reports['negative-key-phrases']).toEqual([
      { phrase: '遅延', messages: 4 },
      { phrase: '配送', messages: 2 },
      { phrase: 'ログイン', messages: 1 },
      { phrase: '返金', messages: 1 },
    ]);
  });

  it('sentiment by customer tier', async () => {
    const { reports } = await runVocReports(engine, '2025-04-01', '2025-04-03', ['sentiment-by-tier']);
    expect(reports['sentiment-by-tier']).toEqual([
      { customer_tier: 'gold', messages: 4, positive: 1, negative: 2, neutral: 0, mixed: 1, avg_score: -0.125 },
      { customer_tier: 'platinum', messages: 1, positive: 0, negative: 1, neutral: 0, mixed: 0, avg_score: -0.875 },
      { customer_tier: 'standard', messages: 4, positive: 0, negative: 1, neutral: 3, mixed: 0, avg_score: -0.1875 },
      { customer_tier: 'unknown', messages: 1, positive: 0, negative: 0, neutral: 1, mixed: 0, avg_score: 0 },
    ]);
  });

  it('customers whose sentiment declined over their last contacts', async () => {
    const { reports } = await runVocReports(engine, '2025-04-01', '2025-04-03', ['declining-customers']);
    expect(reports['declining-customers']).toEqual([
      {
        customer_id: 'C-0001',
        tier: 'gold',
        contacts: 4,
        earlier_score: 0.875,
        recent_score: -0.4583,
        score_change: -1.3333,
        last_contact_at: '2025-04-03T01:00:00.000Z',
      },
    ]);
    // With only three contacts in range there is no earlier half to compare with.
    const narrow = await runVocReports(engine, '2025-04-02', '2025-04-03', ['declining-customers']);
    expect(narrow.reports['declining-customers']).toEqual([]);
  });

  it('runs every report and includes the out-of-range day only when asked', async () => {
    const all = await runVocReports(engine, '2025-03-31', '2025-04-03');
    expect(Object.keys(all.reports)).toEqual(VOC_REPORTS.map((r) => r.name));
    expect(all.from).toBe('2025-03-31');
    const volume = all.reports['volume-by-channel-day'] ?? [];
    expect(volume.reduce((s, r) => s + Number(r.messages), 0)).toBe(12);
  });

  it('answers empty reports over an empty lake', async () => {
    const empty = new DuckDbVocReportEngine(join(dir, 'nothing-here'));
    try {
      const result = await runVocReports(empty, '2025-04-01', '2025-04-03');
      for (const rows of Object.values(result.reports)) expect(rows).toEqual([]);
    } finally {
      empty.close();
    }
  });

  it('rejects a bad date range naming the option', async () => {
    await expect(runVocReports(engine, '2025-04-31', '2025-05-01')).rejects.toThrow(VocReportInputError);
    await expect(runVocReports(engine, '2025-05-02', '2025-05-01')).rejects.toThrow('--from 2025-05-02 is after --to');
  });
});

describe('report rows through the redaction module', () => {
  it('redacts what partitions written before a redaction rule still hold (key phrases with names and phones)', async () => {
    const old = mkdtempSync(join(tmpdir(), 'voc-reports-old-'));
    const legacy = new DuckDbVocReportEngine(join(old, 'voc'));
    try {
      const record = fixture.find((r) => r.sentiment === 'NEGATIVE') as VocLakeRecord;
      await new LocalVocLake(join(old, 'voc')).put([
        { ...record, key_phrases: ['山田太郎様', '090-1234-5678', '遅延'], pii_counts: {} },
      ]);
      const { reports } = await runVocReports(legacy, record.dt, record.dt, ['negative-key-phrases']);
      const phrases = (reports['negative-key-phrases'] ?? []).map((r) => r.phrase).sort();
      expect(phrases).toEqual(['[NAME]様', '[PHONE]', '遅延'].sort());
    } finally {
      legacy.close();
      rmSync(old, { recursive: true, force: true });
    }
  });
});
