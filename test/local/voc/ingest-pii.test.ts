import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { lakeSourceId } from '../../../lambdas/shared/pii/keyed-digest';
import type { VocAlert } from '../../../lambdas/shared/voc/alerts';
import { register, runVocIngest } from '../../../local/cli/commands/voc';
import { withLocalStore } from '../../../local/cli/local-runtime';
import { openDuckDb, plainValue, sqlString } from '../../../local/voc/duckdb';
import { vocAlertsPath } from '../../../local/voc/file-voc-alerts';
import { localDigestKey } from '../../../local/voc/local-digest-key';

/**
 * `voc ingest` of a mixed Japanese/English file full of PII, then `voc report --format json`, against a
 * temporary CONTACT_CENTER_HOME (embedded local customer store): correct counts, no PII in the lake
 * files (read back with DuckDB) nor in the alerts, sentiment on the interactions, alerts for the
 * strongly negative gold/platinum messages.
 */

const fixture = join(__dirname, '../../fixtures/voc/mixed-pii.jsonl');

/** Every piece of PII in the fixture (compared case-insensitively: key phrases are lower-cased). */
const PII = [
  'John',
  'Smith',
  'Main Street',
  'Springfield',
  '(206)',
  '555-0100',
  '555-0199',
  '555.0142',
  'example.com',
  'example.jp',
  'hanako',
  '０３',
  '03-1234-5678',
  '1234-5678',
  '1234 5678',
  '150-0002',
  '1500002',
  '123456789012',
  'Jane',
  'Roe',
  '4500',
  'Lake Shore',
  'Apt 4B',
  'Chicago',
  '60611',
  'Tanaka',
  '4111',
  'Mary',
  'Ann Lee',
  'Elm St',
  'Dr. Who',
];

function expectNoPii(text: string) {
  const lower = text.toLowerCase();
  for (const needle of PII) {
    if (lower.includes(needle.toLowerCase())) throw new Error(`PII "${needle}" found in: ${text.slice(0, 2000)}`);
  }
}

let home: string;
let previousHome: string | undefined;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'voc-pii-'));
  previousHome = process.env.CONTACT_CENTER_HOME;
  process.env.CONTACT_CENTER_HOME = home;
});
afterEach(() => {
  if (previousHome === undefined) delete process.env.CONTACT_CENTER_HOME;
  else process.env.CONTACT_CENTER_HOME = previousHome;
  process.exitCode = undefined;
  rmSync(home, { recursive: true, force: true });
});

/** Runs `contact-center <args>` in this process; returns what it printed. */
async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: unknown }> {
  const out = { stdout: '', stderr: '' };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.stdout += String(chunk);
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.stderr += String(chunk);
    return true;
  });
  try {
    const program = new Command().exitOverride();
    register(program);
    process.exitCode = undefined;
    await program.parseAsync(args, { from: 'user' });
    return { ...out, exitCode: process.exitCode };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** Every non-numeric column of every Parquet file under the lake, read with DuckDB. */
async function lakeText(): Promise<{ rows: Record<string, unknown>[]; text: string }> {
  const db = await openDuckDb();
  try {
    const glob = join(home, 'lake', 'voc', '**', '*.parquet');
    const reader = await db.connection.runAndReadAll(
      `SELECT source_id, channel, customer_id, tier, queue, language, "at", sentiment, key_phrases, text_redacted ` +
        `FROM read_parquet(${sqlString(glob)}, hive_partitioning = false) ORDER BY source_id`,
    );
    const rows = reader
      .getRowObjects()
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plainValue(v)])));
    return { rows, text: JSON.stringify(rows) };
  } finally {
    db.close();
  }
}

async function recordInteractions() {
  await withLocalStore(
    async ({ store }) => {
      for (const [customerId, sourceId, channel] of [
        ['C-0101', 'chat-pii-001', 'CHAT'],
        ['C-0102', 'mail-pii-002', 'EMAIL'],
      ] as const) {
        await store.recordInteraction(
          { customerId },
          { customerId, sourceId, channel, direction: 'INBOUND', at: '2025-04-10T00:59:00.000Z' },
        );
      }
    },
    { home },
  );
}

describe('voc ingest → voc report on a mixed ja/en file with PII', () => {
  it('counts duplicates once, keeps every PII string out of the lake and the alerts, records sentiment and alerts', async () => {
    await recordInteractions();

    // Act: ingest
    const ingest = await cli('voc', 'ingest', fixture, '--json');

    // Assess: summary
    expect(ingest.stderr).toBe('');
    expect(ingest.exitCode).toBeUndefined();
    const summary = JSON.parse(ingest.stdout);
    expect(summary).toMatchObject({
      lines: 6,
      valid: 6,
      analyzed: 5,
      duplicates: 1,
      failed: [],
      alerts: 2,
      sentimentsRecorded: 2,
      engine: 'lexicon-approximation',
      piiEngine: 'pattern-pii-approximation',
      alertsFile: vocAlertsPath(home),
    });
    expect(summary.redactions).toEqual({
      EMAIL: 2,
      CARD: 1,
      PHONE: 7,
      POSTAL_CODE: 2,
      MY_NUMBER: 1,
      NAME: 5, // English names: the offline pattern approximation
      ADDRESS: 3,
    });

    // No PII anywhere in the lake files (every text column, key phrases included).
    const lake = await lakeText();
    expect(lake.rows).toHaveLength(5);
    expectNoPii(lake.text);
    // Source ids are keyed digests (the key generated into the local home on first use).
    const digest = localDigestKey(home);
    const byId = Object.fromEntries(
      ['chat-pii-001', 'mail-pii-002', 'form-pii-003', 'chat-pii-004', 'survey-pii-005'].map((id) => [
        id,
        lake.rows.find((r) => r.source_id === lakeSourceId(digest, id)),
      ]),
    );
    expect(byId['chat-pii-001']?.text_redacted).toBe(
      'Hi, I am [NAME], I live at [ADDRESS]. My parcel is very late and the agent was rude. This is terrible and ' +
        'unacceptable, I am very disappointed. Call me: phone [PHONE] or [EMAIL].',
    );
    expect(byId['mail-pii-002']?.text_redacted).toBe(
      '配送が遅れて、本当に困っています。最悪です。電話は[PHONE]、[POSTAL_CODE]、マイナンバーは[MY_NUMBER]です。',
    );
    expect(byId['form-pii-003']?.text_redacted).toBe(
      'My name is [NAME]. Please send the refund to [ADDRESS]. Mr. [NAME] said to call [PHONE] or [PHONE]. ' +
        'Card [CARD].',
    );
    expect(byId['survey-pii-005']).toMatchObject({
      language: 'en',
      text_redacted: expect.stringContaining('this is [NAME] from [ADDRESS]'),
    });
    expect(byId['chat-pii-004']).toMatchObject({ language: 'ja', sentiment: 'POSITIVE' });

    // Alerts: the gold and the platinum strongly negative messages, redacted excerpts only.
    const alertsText = readFileSync(vocAlertsPath(home), 'utf8');
    expectNoPii(alertsText);
    const alerts = alertsText
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as VocAlert);
    expect(alerts.map((a) => [a.sourceId, a.customerId, a.tier]).sort()).toEqual(
      [
        [lakeSourceId(digest, 'chat-pii-001'), 'C-0101', 'gold'],
        [lakeSourceId(digest, 'mail-pii-002'), 'C-0102', 'platinum'],
      ].sort(),
    );
    for (const a of alerts) expect(a.scoreNegative).toBeGreaterThanOrEqual(0.75);

    // Sentiment on the interactions of the local customer store.
    const sentiments = await withLocalStore(
      async ({ store }) => [
        (await store.findInteractionBySource('chat-pii-001'))?.sentiment,
        (await store.findInteractionBySource('mail-pii-002'))?.sentiment,
      ],
      { home },
    );
    expect(sentiments).toEqual(['NEGATIVE', 'NEGATIVE']);

    // Act: report
    const report = await cli('voc', 'report', '--format', 'json', '--from', '2025-04-10', '--to', '2025-04-11');

    // Assess: counts (the duplicate counted once), no PII in the key-phrase report
    expect(report.exitCode).toBeUndefined();
    const json = JSON.parse(report.stdout);
    expectNoPii(JSON.stringify(json));
    const volume = (json.reports['volume-by-channel-day'] as { day: string; channel: string; messages: number }[])
      .map((r) => `${r.day} ${r.channel} ${r.messages}`)
      .sort();
    expect(volume).toEqual([
      '2025-04-10 CHAT 1',
      '2025-04-10 EMAIL 1',
      '2025-04-10 WEB_FORM 1',
      '2025-04-11 CHAT 1',
      '2025-04-11 SURVEY 1',
    ]);
    const tiers = Object.fromEntries(
      (json.reports['sentiment-by-tier'] as { customer_tier: string; messages: number }[]).map((r) => [
        r.customer_tier,
        r.messages,
      ]),
    );
    expect(Object.values(tiers).reduce((s, n) => s + Number(n), 0)).toBe(5);

    // A second ingest: all duplicates, no new alert, nothing written.
    const again = await runVocIngest(fixture, { home });
    expect(again).toMatchObject({ analyzed: 0, duplicates: 6, alerts: 0, sentimentsRecorded: 0 });
    expect(readFileSync(vocAlertsPath(home), 'utf8').trim().split('\n')).toHaveLength(2);
    expect((await lakeText()).rows).toHaveLength(5);
  });

  it('prints the counts in the human summary', async () => {
    const run = await cli('voc', 'ingest', fixture);
    expect(run.stdout).toMatch(
      /6 line\(s\): 5 analyzed, 1 duplicate\(s\), 0 invalid, 0 failed, 0 interaction sentiment\(s\) recorded, 2 alert\(s\) → /,
    );
    expect(run.stdout).toContain('alerts.jsonl');
    expect(run.stdout).toContain('pattern-pii-approximation');
  });
});
