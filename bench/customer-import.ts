/**
 * Customer import bench: `customers import` of generated CRM exports (10,000 and 100,000 rows of
 * Japanese customers, CSV) into the local store — dynalite on LevelDB in a fresh CONTACT_CENTER_HOME,
 * started by the command in a child process as when `npm start` is not running — then the same file again (a re-run
 * after an interruption: everything already there). Target (issue 13): 100,000 rows in under 60 s.
 *
 *   npx tsx bench/customer-import.ts [rows…] [--encoding cp932]
 *     → prints figures, writes bench/results/customer-import.json
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { runCustomersImport } from '../local/cli/commands/customers';
import { ROOT, round, stringArg } from './support';

const sizes = process.argv
  .slice(2)
  .filter((a, i, all) => /^\d+$/.test(a) && all[i - 1] !== '--encoding')
  .map(Number);
const ROWS = sizes.length > 0 ? sizes : [10_000, 100_000];
const ENCODING = stringArg('--encoding', 'utf-8');

const FAMILY = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健', '直子', '翔太', '陽菜', '大輔', '結衣', '蓮', 'さくら'];
const TIERS = ['standard', 'standard', 'standard', 'gold', 'platinum'];
const STATUSES = ['received', 'in_progress', 'waiting_for_customer', 'resolved'];

/** A CRM export: one mobile number each, a landline for one in four, an email for two in three, some inquiries. */
function generateCsv(rows: number): string {
  const lines = [
    'customerId,name,phones,email,tier,language,latestInquiry.id,latestInquiry.subject,latestInquiry.status',
  ];
  for (let i = 0; i < rows; i++) {
    const name = `${FAMILY[i % FAMILY.length]} ${GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]}`;
    const mobile = `090-${String(1000 + Math.floor(i / 10000)).padStart(4, '0')}-${String(i % 10000).padStart(4, '0')}`;
    const phones =
      i % 4 === 0
        ? `${mobile};03-${String(5000 + (i % 4000)).padStart(4, '0')}-${String(i % 9000).padStart(4, '0')}`
        : mobile;
    const email = i % 3 === 0 ? '' : `customer${i}@example.jp`;
    const inquiry = i % 5 === 0 ? `INQ-${i},"配送について, 確認のお願い",${STATUSES[i % 4]}` : ',,';
    lines.push(`CRM-${i},${name},${phones},${email},${TIERS[i % 5]},${i % 10 === 0 ? 'en-US' : 'ja-JP'},${inquiry}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

const quiet = { stdout: (_: string) => undefined, stderr: (t: string) => void process.stderr.write(t) };

/** CPU seconds of this process and of its exited children (the engine's child process), from /proc. */
function cpuSeconds(): { importer: number; engine: number } {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const tick = 100; // USER_HZ on Linux
  // Fields after "(comm) ": utime=12, stime=13, cutime=14, cstime=15 (0-based from state).
  return {
    importer: (Number(fields[11]) + Number(fields[12])) / tick,
    engine: (Number(fields[13]) + Number(fields[14])) / tick,
  };
}

async function timedImport(
  file: string,
  home: string,
): Promise<{ seconds: number; importerCpu: number; engineCpu: number }> {
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  let out = '';
  const code = await runCustomersImport(
    file,
    { home, json: true, country: 'JP', encoding: ENCODING },
    {
      ...quiet,
      stdout: (t) => {
        out += t;
      },
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = cpuSeconds();
  const summary = JSON.parse(out) as { imported: number; rejectedRecords: number };
  if (code !== 0 || summary.rejectedRecords > 0) throw new Error(`import failed (exit ${code})`);
  return { seconds, importerCpu: cpu1.importer - cpu0.importer, engineCpu: cpu1.engine - cpu0.engine };
}

async function main() {
  const results: Record<string, unknown>[] = [];
  for (const rows of ROWS) {
    const dir = mkdtempSync(join(tmpdir(), 'customer-import-bench-'));
    try {
      const file = join(dir, `customers-${rows}.csv`);
      const text = generateCsv(rows);
      writeFileSync(file, ENCODING === 'cp932' ? iconv.encode(text, 'cp932') : text);
      const home = join(dir, 'home');
      const first = await timedImport(file, home);
      const again = await timedImport(file, home);
      const figure = {
        rows,
        encoding: ENCODING,
        firstImportSeconds: round(first.seconds),
        firstImportRowsPerSecond: Math.round(rows / first.seconds),
        firstImportCpuSeconds: { importer: round(first.importerCpu), engine: round(first.engineCpu) },
        rerunSeconds: round(again.seconds),
        rerunRowsPerSecond: Math.round(rows / again.seconds),
        rerunCpuSeconds: { importer: round(again.importerCpu), engine: round(again.engineCpu) },
      };
      console.log(
        `${rows} rows (${ENCODING}): first import ${figure.firstImportSeconds} s = ${figure.firstImportRowsPerSecond} rows/s; ` +
          `re-run (all unchanged) ${figure.rerunSeconds} s = ${figure.rerunRowsPerSecond} rows/s; ` +
          `CPU s first import: importer ${figure.firstImportCpuSeconds.importer}, engine ${figure.firstImportCpuSeconds.engine} ` +
          `(load average ${loadavg()[0]?.toFixed(1)})`,
      );
      results.push(figure);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const out = {
    bench: 'customer-import',
    command: `npx tsx bench/customer-import.ts ${process.argv.slice(2).join(' ')}`.trim(),
    engine: 'dynalite 4 on LevelDB in a child process started by the import (no npm start running)',
    node: process.version,
    cpus: cpus().length,
    loadAverageAtEnd: loadavg().map((x) => round(x)),
    note: 'measured on a shared 2-core machine while other work was running',
    measuredAt: new Date().toISOString(),
    results,
  };
  writeFileSync(join(ROOT, 'bench', 'results', 'customer-import.json'), `${JSON.stringify(out, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
