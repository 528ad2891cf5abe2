import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import type { Command } from 'commander';
import { formatCsv } from '../../../lambdas/shared/csv';
import { describeZodError, type VocMessage, VocMessageSchema } from '../../../lambdas/shared/voc/message';
import { CustomerStoreSentimentRecorder } from '../../../lambdas/shared/voc/sentiment-recorder';
import { isVocReportName, VOC_REPORTS, type VocReportName } from '../../../lib/voc/reports';
import { appendDeadLetter, type LocalRedriveHandler } from '../../ops/local-dead-letters';
import { loadLocalConfig } from '../../runtime/config';
import { defaultReportRange } from '../../voc/dashboard';
import type { ReportRow } from '../../voc/duckdb';
import { FileVocAlerts, vocAlertsPath } from '../../voc/file-voc-alerts';
import { type IngestSummary, ingestVocFile, ingestVocMessages, type LocalIngestOptions } from '../../voc/ingest';
import { vocLakeDir } from '../../voc/local-lake';
import { renderVocReportHtml, withLocalInstants } from '../../voc/render-html';
import {
  AthenaVocReportEngine,
  DuckDbVocReportEngine,
  runVocReports,
  type VocReportEngine,
  VocReportInputError,
  type VocReportJson,
} from '../../voc/reports';
import { contactCenterHome, withLocalStore } from '../local-runtime';

/**
 * `contact-center voc ingest FILE.jsonl [--json]` — analyze VOC messages locally (offline lexicon
 * approximation + offline English PII pattern approximation, local lake, local dedupe under
 * CONTACT_CENTER_HOME), recording sentiment on the local customer store's interactions and writing
 * alerts to `<home>/voc/alerts.jsonl`.
 * `contact-center voc report [--from D] [--to D] [--format table|csv|json|html] [--out FILE]
 *   [--engine local|athena --workgroup W --database D] [--report NAME…]` — the VOC reports.
 */

/**
 * Where `voc report` writes: the path given with `--out` (`-` is stdout); an HTML page without `--out`
 * goes under the local home (`<home>/reports/`), never into the working directory, where it would
 * dirty a clone; tables, CSV and JSON go to stdout.
 */
export function reportDestination(
  format: string,
  out: string | undefined,
  home: string,
  range: { from: string; to: string },
): { stdout: true } | { file: string } {
  if (out === '-') return { stdout: true };
  if (out !== undefined) return { file: resolve(out) };
  if (format === 'html') return { file: join(home, 'reports', `voc-${range.from}_${range.to}.html`) };
  return { stdout: true };
}

const FORMATS = ['table', 'csv', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

class VocUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VocUsageError';
  }
}

function cellText(v: ReportRow[string]): string {
  return Array.isArray(v) ? v.join(';') : v === null ? '' : String(v);
}

/**
 * CSV: one section per report, each preceded by a `# <report-name>` line and separated by a blank line.
 * Cells hold customer words (key phrases): formatCsv keeps a phrase such as `=HYPERLINK(…)` text.
 */
export function reportCsv(report: VocReportJson): string {
  return Object.entries(report.reports)
    .map(([name, rows]) => {
      const columns = Object.keys(rows[0] ?? {});
      const cells = rows.map((r) =>
        columns.map((c) => {
          const v = r[c] ?? null;
          return typeof v === 'number' ? v : cellText(v);
        }),
      );
      return `# ${name}\n${formatCsv(columns, cells)}`;
    })
    .join('\n');
}

/** Human tables, columns aligned (by code points; wide Japanese characters count as one). */
export function reportTable(report: VocReportJson, timeZone: string): string {
  const out = [`VOC reports ${report.from} – ${report.to} (days in ${timeZone})`];
  for (const [name, rows] of Object.entries(report.reports)) {
    const title = VOC_REPORTS.find((r) => r.name === name)?.title ?? name;
    out.push('', `== ${title} (${name})`);
    if (rows.length === 0) {
      out.push('(no rows)');
      continue;
    }
    const columns = Object.keys(rows[0] ?? {});
    const cells = rows.map((r) => columns.map((c) => cellText(r[c] ?? null)));
    const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => Array.from(row[i] ?? '').length)));
    const fmt = (row: string[]) =>
      row.map((v, i) => v + ' '.repeat((widths[i] ?? 0) - Array.from(v).length)).join('  ');
    out.push(fmt(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(fmt));
  }
  return `${out.join('\n')}\n`;
}

/**
 * `voc ingest` with the local adapters the Lambda has on AWS: the local customer store (running
 * `npm start` engine, else the data directory) receives the interactions' sentiment, and alerts are
 * appended to `<home>/voc/alerts.jsonl` (SNS on AWS).
 */
export async function runVocIngest(
  file: string,
  options: { home?: string } = {},
): Promise<IngestSummary & { alertsFile: string }> {
  const home = options.home ?? contactCenterHome();
  const alertsFile = vocAlertsPath(home);
  const summary = await withLocalStore(
    ({ store }) =>
      ingestVocFile(file, {
        home,
        sentiment: new CustomerStoreSentimentRecorder(store),
        alerts: new FileVocAlerts(alertsFile),
        onDeadLetter: (message, reason) =>
          appendDeadLetter(home, 'voc', { id: message.sourceId, reason, body: message }),
      }),
    { home },
  );
  return { ...summary, alertsFile };
}

/**
 * The local `voc` dead letters back through the analyzer with the adapters of `voc ingest`; returns the
 * reason per sourceId for those that fail again (or are no VOC message at all).
 */
export function vocRedriveHandler(home: string, ingestOptions: LocalIngestOptions = {}): LocalRedriveHandler {
  return async (letters) => {
    const failed = new Map<string, string>();
    const messages: VocMessage[] = [];
    for (const letter of letters) {
      const parsed = VocMessageSchema.safeParse(letter.body);
      if (parsed.success) messages.push(parsed.data);
      else failed.set(letter.id, `not a VOC message: ${describeZodError(parsed.error)}`);
    }
    const summary = await withLocalStore(
      ({ store }) =>
        ingestVocMessages(messages, {
          home,
          sentiment: new CustomerStoreSentimentRecorder(store),
          alerts: new FileVocAlerts(vocAlertsPath(home)),
          ...ingestOptions,
        }),
      { home },
    );
    for (const f of summary.failed) failed.set(f.sourceId, f.reason);
    return failed;
  };
}

export function register(program: Command): void {
  const voc = program.command('voc').description('Voice of the customer: analyze messages, run reports');

  voc
    .command('ingest')
    .description(
      'analyze VOC messages from a JSON-lines file (offline approximations, local lake, interaction sentiment, alerts)',
    )
    .argument('<file>', 'JSON lines: { sourceId, channel, text, at, customerId?, language?, tier?, queue? } per line')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      if (!existsSync(file)) {
        process.stderr.write(`voc ingest: ${file}: no such file\n`);
        process.exitCode = 2;
        return;
      }
      const summary = await runVocIngest(file, { home: contactCenterHome() });
      for (const issue of summary.invalid) process.stderr.write(`${file}: line ${issue.line}: ${issue.reason}\n`);
      for (const f of summary.failed) process.stderr.write(`${file}: ${f.sourceId}: ${f.reason}\n`);
      if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        process.stdout.write(
          `${summary.lines} line(s): ${summary.analyzed} analyzed, ${summary.duplicates} duplicate(s), ` +
            `${summary.invalid.length} invalid, ${summary.failed.length} failed, ` +
            `${summary.sentimentsRecorded} interaction sentiment(s) recorded, ${summary.alerts} alert(s)` +
            `${summary.alerts > 0 ? ` → ${summary.alertsFile}` : ''} ` +
            `[engines: ${summary.engine} + ${summary.piiEngine} (offline approximations, not Comprehend); ` +
            `lake: ${summary.lakeDir}]\n`,
        );
      }
      if (summary.invalid.length > 0 || summary.failed.length > 0) process.exitCode = 1;
    });

  voc
    .command('report')
    .description('run the VOC reports over a date range (local DuckDB lake or Athena)')
    .option('--from <day>', 'first day, YYYY-MM-DD, a day in the center time zone (default: 29 days before --to)')
    .option('--to <day>', 'last day, YYYY-MM-DD, a day in the center time zone (default: today there)')
    .option('--format <format>', `one of ${FORMATS.join('|')}`, 'table')
    .option('--json', 'same as --format json')
    .option('--out <file>', 'write to this file ("-" = stdout); html without --out: <home>/reports/voc-FROM_TO.html')
    .option('--engine <engine>', 'local (DuckDB over the local lake) or athena', 'local')
    .option('--workgroup <name>', 'Athena workgroup (with --engine athena)')
    .option('--database <name>', 'Glue database (with --engine athena)')
    .option('--report <name...>', `only these reports: ${VOC_REPORTS.map((r) => r.name).join(', ')}`)
    .action(
      async (opts: {
        from?: string;
        to?: string;
        format: string;
        json?: boolean;
        out?: string;
        engine: string;
        workgroup?: string;
        database?: string;
        report?: string[];
      }) => {
        let engine: VocReportEngine | undefined;
        try {
          const format = (opts.json ? 'json' : opts.format) as Format;
          if (!FORMATS.includes(format))
            throw new VocUsageError(`--format: expected ${FORMATS.join('|')}, got "${opts.format}"`);
          const names = (opts.report ?? VOC_REPORTS.map((r) => r.name)).map((n) => {
            if (!isVocReportName(n)) throw new VocUsageError(`--report: unknown report "${n}"`);
            return n as VocReportName;
          });
          if (opts.engine === 'athena') {
            if (!opts.workgroup || !opts.database) {
              throw new VocUsageError('--engine athena needs --workgroup and --database (see the VocPipeline outputs)');
            }
            engine = new AthenaVocReportEngine(new AthenaClient({}), {
              workgroup: opts.workgroup,
              database: opts.database,
              onProgress: (line) => process.stderr.write(`${line}\n`),
            });
          } else if (opts.engine === 'local') {
            engine = new DuckDbVocReportEngine(vocLakeDir(contactCenterHome()));
          } else throw new VocUsageError(`--engine: expected local|athena, got "${opts.engine}"`);
          const { timeZone } = loadLocalConfig();
          const defaults = defaultReportRange(timeZone);
          const report = await runVocReports(engine, opts.from ?? defaults.from, opts.to ?? defaults.to, names);
          const text =
            format === 'json'
              ? `${JSON.stringify(report, null, 2)}\n`
              : format === 'csv'
                ? reportCsv(report)
                : format === 'html'
                  ? renderVocReportHtml(report, { timeZone })
                  : reportTable({ ...report, reports: withLocalInstants(report.reports, timeZone) }, timeZone);
          const destination = reportDestination(format, opts.out, contactCenterHome(), report);
          if ('file' in destination) {
            mkdirSync(dirname(destination.file), { recursive: true });
            writeFileSync(destination.file, text);
            process.stderr.write(`wrote ${destination.file}\n`);
          } else process.stdout.write(text);
        } catch (err) {
          if (err instanceof VocUsageError || err instanceof VocReportInputError) {
            process.stderr.write(`voc report: ${err.message}\n`);
            process.exitCode = 2;
            return;
          }
          throw err;
        } finally {
          engine?.close?.();
        }
      },
    );
}
