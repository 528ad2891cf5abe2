import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { lakeSourceId } from '../../../lambdas/shared/pii/keyed-digest';
import { register } from '../../../local/cli/commands/voc';
import { openDuckDb, sqlString } from '../../../local/voc/duckdb';
import { vocAlertsPath } from '../../../local/voc/file-voc-alerts';
import { localDigestKey } from '../../../local/voc/local-digest-key';
import { leaks, loadPiiCorpus, lost } from '../../support/pii-corpus';

/**
 * End to end: the whole PII corpus (test/fixtures/pii/corpus.json) through `voc ingest`, with PII in
 * the metadata too (Message-ID source ids with addresses, email customer ids, a queue named after a
 * person), then `voc report --format json`. Nothing of it may be found in any cell of the lake's
 * Parquet files (read back with DuckDB), of the reports or of alerts.jsonl; every sentiment word must
 * still be in the lake text.
 */

const corpus = loadPiiCorpus();
const DAY = '2025-05-12';
const sourceIdOf = (i: number) => `<CAF${1000 + i}.taro.yamada${i}@mail.example.ne.jp>`;
const METADATA_PII = ['mail.example.ne.jp', 'taro.yamada', 'example.org', '佐藤', '090-7777-1234'];

let home: string;
let previousHome: string | undefined;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'voc-pii-corpus-'));
  previousHome = process.env.CONTACT_CENTER_HOME;
  process.env.CONTACT_CENTER_HOME = home;
});
afterAll(() => {
  if (previousHome === undefined) delete process.env.CONTACT_CENTER_HOME;
  else process.env.CONTACT_CENTER_HOME = previousHome;
  process.exitCode = undefined;
  rmSync(home, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<string> {
  let stdout = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const program = new Command().exitOverride();
    register(program);
    await program.parseAsync(args, { from: 'user' });
    return stdout;
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Every text cell of the lake: one array of strings per row, keyed by the lake's source_id. */
async function lakeCells(): Promise<Map<string, { cells: string[]; text: string; counts: Record<string, number> }>> {
  const db = await openDuckDb();
  try {
    const glob = join(home, 'lake', 'voc', '**', '*.parquet');
    const reader = await db.connection.runAndReadAll(
      `SELECT source_id, channel, customer_id, tier, queue, language, sentiment, to_json(key_phrases) AS phrases, ` +
        `text_redacted, to_json(pii_counts) AS counts FROM read_parquet(${sqlString(glob)}, hive_partitioning = false)`,
    );
    const rows = new Map<string, { cells: string[]; text: string; counts: Record<string, number> }>();
    for (const r of reader.getRowObjects()) {
      const phrases = JSON.parse(String(r.phrases)) as string[];
      const cells = [r.source_id, r.channel, r.customer_id, r.tier, r.queue, r.language, r.sentiment, r.text_redacted]
        .filter((v) => v !== null)
        .map(String);
      rows.set(String(r.source_id), {
        cells: [...cells, ...phrases],
        text: String(r.text_redacted),
        counts: JSON.parse(String(r.counts)) as Record<string, number>,
      });
    }
    return rows;
  } finally {
    db.close();
  }
}

/** Keyed digests are hex: a short number ("456") may occur in one by chance and is no leak. */
const isDigest = (cell: string) => /^(src|cust)_[0-9a-f]+$/.test(cell);

const stringsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(stringsOf)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(stringsOf)
        : [];

describe('the PII corpus through voc ingest, voc report and alerts', () => {
  it('leaves no PII in the lake, the reports or the alerts, and keeps every sentiment word', async () => {
    // Prepare: one message per case, gold customers (so negative ones alert), PII in the metadata.
    const file = join(home, 'corpus.jsonl');
    const lines = corpus.map((c, i) =>
      JSON.stringify({
        sourceId: sourceIdOf(i),
        channel: i % 2 === 0 ? 'EMAIL' : 'CHAT',
        customerId: i % 3 === 0 ? `customer${i}@example.org` : `C-${String(i).padStart(4, '0')}`,
        at: `${DAY}T0${i % 10}:00:00Z`,
        language: c.language,
        text: c.text,
        tier: 'gold',
        queue: i % 4 === 0 ? '佐藤様専用 090-7777-1234' : 'General',
      }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);

    // Act
    const summary = JSON.parse(await cli('voc', 'ingest', file, '--json'));
    const report = JSON.parse(await cli('voc', 'report', '--format', 'json', '--from', DAY, '--to', DAY));

    // Assess: everything analyzed, some alerts
    expect(summary).toMatchObject({ analyzed: corpus.length, failed: [], invalid: [] });
    expect(summary.alerts).toBeGreaterThan(0);
    const allPii = [...corpus.flatMap((c) => c.pii), ...METADATA_PII];

    // The lake: no PII in any cell; the sentiment words of each message in its row; counts per kind.
    const lake = await lakeCells();
    expect(lake.size).toBe(corpus.length);
    const digest = localDigestKey(home);
    const leaked: string[] = [];
    corpus.forEach((c, i) => {
      const row = lake.get(lakeSourceId(digest, sourceIdOf(i)));
      expect({ id: c.id, found: row !== undefined }).toEqual({ id: c.id, found: true });
      if (!row) return;
      for (const cell of row.cells.filter((x) => !isDigest(x)))
        leaked.push(...leaks(cell, allPii).map((p) => `lake ${c.id}: ${p} in ${cell}`));
      expect({ id: c.id, lost: lost(row.text, c.keep) }).toEqual({ id: c.id, lost: [] });
      expect(Object.values(row.counts).reduce((s, n) => s + n, 0)).toBeGreaterThan(0);
    });

    // The reports and the alerts: no PII in any string they hold.
    for (const cell of stringsOf(report.reports).filter((x) => !isDigest(x)))
      leaked.push(...leaks(cell, allPii).map((p) => `report: ${p} in ${cell}`));
    const alerts = readFileSync(vocAlertsPath(home), 'utf8').trim().split('\n');
    expect(alerts.length).toBe(summary.alerts);
    for (const line of alerts) {
      for (const cell of stringsOf(JSON.parse(line)).filter((x) => !isDigest(x)))
        leaked.push(...leaks(cell, allPii).map((p) => `alert: ${p} in ${cell}`));
    }
    expect(leaked).toEqual([]);
  });
});
