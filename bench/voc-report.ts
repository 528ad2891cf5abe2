/**
 * VOC report bench: every report in lib/voc/reports/ over 1,000,000 generated lake records
 * (Parquet, dt= partitions, written by DuckDB) with the local DuckDB engine.
 *
 *   npx tsx bench/voc-report.ts [rows]   → prints figures, writes bench/results/voc-report.json
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportSql, VOC_REPORTS } from '../lib/voc/reports';
import { openDuckDb, sqlString } from '../local/voc/duckdb';
import { DuckDbVocReportEngine } from '../local/voc/reports';
import { median } from './support';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const DAYS = 180;

async function generate(lakeDir: string) {
  const db = await openDuckDb();
  try {
    await db.connection.run(`
      COPY (
        SELECT
          'bench-' || i AS source_id,
          (['CHAT', 'EMAIL', 'VOICE', 'WEB_FORM', 'SURVEY'])[1 + CAST(hash(i) % 5 AS BIGINT)] AS channel,
          CASE WHEN hash(i * 7) % 4 = 0 THEN NULL ELSE 'C-' || lpad(CAST(1 + hash(i * 3) % 20000 AS VARCHAR), 5, '0') END AS customer_id,
          (['standard', 'standard', 'standard', 'gold', 'platinum'])[1 + CAST(hash(i * 11) % 5 AS BIGINT)] AS tier,
          (['General', 'Billing', 'Technical', 'Priority'])[1 + CAST(hash(i * 13) % 4 AS BIGINT)] AS queue,
          CASE WHEN hash(i * 17) % 5 = 0 THEN 'en' ELSE 'ja' END AS language,
          strftime(TIMESTAMP '2025-01-01' + INTERVAL (i * ${DAYS * 86400} // ${ROWS}) SECOND, '%Y-%m-%dT%H:%M:%S.000Z') AS "at",
          strftime(TIMESTAMP '2025-01-01' + INTERVAL (i * ${DAYS * 86400} // ${ROWS}) SECOND, '%Y-%m-%d') AS dt,
          (['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED', 'NEUTRAL'])[1 + CAST(hash(i * 19) % 5 AS BIGINT)] AS sentiment,
          (hash(i * 23) % 1000) / 1000.0 AS score_positive,
          (hash(i * 29) % 1000) / 1000.0 AS score_negative,
          0.1 AS score_neutral,
          0.05 AS score_mixed,
          [(['配送', '遅延', '返金', 'ログイン', 'アプリ', '請求書', 'delivery', 'refund'])[1 + CAST(hash(i * 31) % 8 AS BIGINT)],
           (['配送状況', '問い合わせ', '電話', 'エラー', 'login', 'order'])[1 + CAST(hash(i * 37) % 6 AS BIGINT)]] AS key_phrases,
          'bench text ' || i AS text_redacted
        FROM range(${ROWS}) AS t(i)
      ) TO ${sqlString(lakeDir)} (FORMAT parquet, PARTITION_BY (dt), COMPRESSION zstd)`);
  } finally {
    db.close();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'voc-report-bench-'));
  const lakeDir = join(dir, 'voc');
  const t0 = performance.now();
  await generate(lakeDir);
  const generateSeconds = (performance.now() - t0) / 1000;
  const engine = new DuckDbVocReportEngine(lakeDir);
  const from = '2025-01-01';
  const to = '2025-06-29';
  const reports: Record<string, { rows: number; runsMs: number[]; medianMs: number }> = {};
  try {
    for (const r of VOC_REPORTS) {
      const runsMs: number[] = [];
      let rows = 0;
      for (let run = 0; run < 3; run++) {
        const s = performance.now();
        rows = (await engine.run(r.name, reportSql(r.name), from, to)).length;
        runsMs.push(Math.round(performance.now() - s));
      }
      const medianMs = median(runsMs);
      reports[r.name] = { rows, runsMs, medianMs };
      console.log(
        `  ${r.name.padEnd(26)} ${String(medianMs).padStart(6)} ms median of 3 (${runsMs.join(', ')}), ${rows} rows`,
      );
    }
  } finally {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const total = Object.values(reports).reduce((s, r) => s + r.medianMs, 0);
  console.log(
    `VOC reports over ${ROWS} records (${DAYS} daily partitions; generated in ${generateSeconds.toFixed(1)} s): all ${total} ms`,
  );
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(
    join(__dirname, 'results', 'voc-report.json'),
    `${JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, rows: ROWS, days: DAYS, range: { from, to }, generateSeconds: Number(generateSeconds.toFixed(2)), reports, totalMedianMs: total }, null, 2)}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
