import {
  type AthenaClient,
  BatchGetNamedQueryCommand,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  ListNamedQueriesCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { PiiRedactor } from '../../lambdas/shared/pii/redactor';
import { reportSql, VOC_REPORTS, VOC_TABLE_NAME, type VocReportName } from '../../lib/voc/reports';
import { DUCKDB_LAKE_COLUMNS, openDuckDb, plainValue, type ReportRow, sqlString } from './duckdb';
import { lakeHasFiles } from './local-lake';

/** `voc report --format json` (architecture.md, CLI contract). */
export interface VocReportJson {
  from: string;
  to: string;
  reports: Record<string, ReportRow[]>;
}

/** Runs one report's SQL with the two date parameters. */
export interface VocReportEngine {
  run(name: VocReportName, sql: string, from: string, to: string): Promise<ReportRow[]>;
  close?(): void;
}

export class VocReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VocReportInputError';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function validateRange(from: string, to: string): void {
  for (const [name, value] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    if (
      !DAY.test(value) ||
      Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
      new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
    ) {
      throw new VocReportInputError(`${name} ${JSON.stringify(value)} is not a date YYYY-MM-DD`);
    }
  }
  if (from > to) throw new VocReportInputError(`--from ${from} is after --to ${to}`);
}

/**
 * Runs every report (or the named ones) over the range, in the order of {@link VOC_REPORTS}. Every
 * text cell of every row goes through the shared redaction module on its way out: the lake keeps
 * records for two years, and partitions written before a redaction rule existed must not show in a
 * report what the rule now removes.
 */
export async function runVocReports(
  engine: VocReportEngine,
  from: string,
  to: string,
  names: readonly VocReportName[] = VOC_REPORTS.map((r) => r.name),
  redactor?: PiiRedactor,
): Promise<VocReportJson> {
  validateRange(from, to);
  const redact = redactor ?? (await PiiRedactor.create({ english: null }));
  const reports: Record<string, ReportRow[]> = {};
  for (const name of names) {
    const rows = await engine.run(name, reportSql(name), from, to);
    reports[name] = rows.map((row) => redactRow(redact, row));
  }
  return { from, to, reports };
}

/** Report cells that are identifiers the lake already made opaque (digests, customer ids): left as they are. */
const ID_COLUMNS = new Set(['source_id', 'customer_id']);

function redactRow(redactor: PiiRedactor, row: ReportRow): ReportRow {
  const out: ReportRow = {};
  for (const [k, v] of Object.entries(row)) {
    if (ID_COLUMNS.has(k)) out[k] = v;
    else if (typeof v === 'string') out[k] = redactor.redactLocally(v).text;
    else if (Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'string' ? redactor.redactLocally(x).text : x));
    else out[k] = v;
  }
  return out;
}

/**
 * Reports over the local lake with DuckDB: a view `voc_messages` over
 * `<lakeDir>/dt=*\/*.parquet` (hive partitioning, `dt` as VARCHAR like the Glue partition),
 * and each report file run as a prepared statement with the dates bound to its `?` parameters.
 */
export class DuckDbVocReportEngine implements VocReportEngine {
  private db?: Awaited<ReturnType<typeof openDuckDb>>;

  constructor(readonly lakeDir: string) {}

  private async open() {
    if (this.db) return this.db;
    const db = await openDuckDb();
    if (lakeHasFiles(this.lakeDir)) {
      const glob = `${this.lakeDir.replace(/\\/g, '/')}/dt=*/*.parquet`;
      await db.connection.run(
        `CREATE VIEW ${VOC_TABLE_NAME} AS SELECT * FROM read_parquet(${sqlString(glob)}, ` +
          `hive_partitioning = true, hive_types = {'dt': 'VARCHAR'}, union_by_name = true)`,
      );
    } else {
      const columns = Object.entries({ ...DUCKDB_LAKE_COLUMNS, dt: 'VARCHAR' })
        .map(([k, v]) => `"${k}" ${v}`)
        .join(', ');
      await db.connection.run(`CREATE TABLE ${VOC_TABLE_NAME} (${columns})`);
    }
    this.db = db;
    return db;
  }

  async run(_name: VocReportName, sql: string, from: string, to: string): Promise<ReportRow[]> {
    const db = await this.open();
    const statement = await db.connection.prepare(sql);
    statement.bindVarchar(1, from);
    statement.bindVarchar(2, to);
    const reader = await statement.runAndReadAll();
    return reader.getRowObjects().map((row) => {
      const out: ReportRow = {};
      for (const [k, v] of Object.entries(row)) out[k] = plainValue(v);
      return out;
    });
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }
}

export interface AthenaEngineOptions {
  workgroup: string;
  database: string;
  /** Progress lines (the CLI writes them to stderr). */
  onProgress?: (line: string) => void;
  pollIntervalMs?: number;
  /** Give up waiting after this long. @default 300000 */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const NUMERIC = new Set(['tinyint', 'smallint', 'integer', 'bigint', 'double', 'float', 'real', 'decimal']);

/**
 * Reports in Athena: the stack's named queries (`voc-<report>`, created from the same SQL files) are
 * looked up in the workgroup and started with the dates as ExecutionParameters (quoted string
 * literals, as Athena requires for varchar), in the workgroup (which enforces result encryption and
 * the bytes-scanned cutoff); then it polls until each query finishes and pages through the results,
 * typed by the result metadata. Running the deployed text (not the local file) means a report shows
 * what the analysts' saved queries show, even when the checkout has moved on.
 */
export class AthenaVocReportEngine implements VocReportEngine {
  private namedQueries?: Promise<Map<string, { queryString: string; database: string }>>;

  constructor(
    private readonly athena: AthenaClient,
    private readonly options: AthenaEngineOptions,
  ) {}

  /** The workgroup's named queries by name (ListNamedQueries + BatchGetNamedQuery, 50 at a time). */
  private async loadNamedQueries(): Promise<Map<string, { queryString: string; database: string }>> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.athena.send(
        new ListNamedQueriesCommand({ WorkGroup: this.options.workgroup, NextToken: token }),
      );
      ids.push(...(page.NamedQueryIds ?? []));
      token = page.NextToken;
    } while (token);
    const byName = new Map<string, { queryString: string; database: string }>();
    for (let i = 0; i < ids.length; i += 50) {
      const batch = await this.athena.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids.slice(i, i + 50) }));
      for (const q of batch.NamedQueries ?? []) {
        if (q.Name && q.QueryString) {
          byName.set(q.Name, { queryString: q.QueryString, database: q.Database ?? this.options.database });
        }
      }
    }
    return byName;
  }

  async run(name: VocReportName, _sql: string, from: string, to: string): Promise<ReportRow[]> {
    const { workgroup } = this.options;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    this.namedQueries ??= this.loadNamedQueries();
    const named = (await this.namedQueries).get(`voc-${name}`);
    if (!named) {
      throw new Error(
        `Athena workgroup ${workgroup} has no named query "voc-${name}": deploy the stack (it creates one per report) or check --workgroup`,
      );
    }
    const started = await this.athena.send(
      new StartQueryExecutionCommand({
        QueryString: named.queryString,
        ExecutionParameters: [`'${from}'`, `'${to}'`],
        QueryExecutionContext: { Database: this.options.database || named.database },
        WorkGroup: workgroup,
      }),
    );
    const id = started.QueryExecutionId;
    if (!id) throw new Error(`Athena returned no query execution id for ${name}`);
    const begin = Date.now();
    for (;;) {
      const { QueryExecution: q } = await this.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = q?.Status?.State ?? 'UNKNOWN';
      const scanned = q?.Statistics?.DataScannedInBytes ?? 0;
      this.options.onProgress?.(
        `${name}: ${state} (${((Date.now() - begin) / 1000).toFixed(1)} s, ${(scanned / 1e6).toFixed(1)} MB scanned)`,
      );
      if (state === 'SUCCEEDED') break;
      if (state === 'FAILED' || state === 'CANCELLED') {
        throw new Error(`Athena query ${id} (${name}) ${state}: ${q?.Status?.StateChangeReason ?? 'no reason given'}`);
      }
      if (Date.now() - begin > (this.options.timeoutMs ?? 300_000)) {
        throw new Error(`Athena query ${id} (${name}) still ${state} after ${this.options.timeoutMs ?? 300_000} ms`);
      }
      await sleep(this.options.pollIntervalMs ?? 1000);
    }
    const rows: ReportRow[] = [];
    let columns: { name: string; numeric: boolean }[] = [];
    let token: string | undefined;
    let first = true;
    do {
      const page = await this.athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token }));
      if (first) {
        columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => ({
          name: c.Name ?? '',
          numeric: NUMERIC.has((c.Type ?? '').toLowerCase()),
        }));
      }
      const data = page.ResultSet?.Rows ?? [];
      for (const [i, r] of data.entries()) {
        if (first && i === 0) continue; // header row
        const row: ReportRow = {};
        columns.forEach((c, j) => {
          const v = r.Data?.[j]?.VarCharValue;
          row[c.name] = v === undefined ? null : c.numeric ? Number(v) : v;
        });
        rows.push(row);
      }
      first = false;
      token = page.NextToken;
    } while (token);
    return rows;
  }
}
