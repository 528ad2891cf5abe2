/**
 * Runs every benchmark one after another (never in parallel: they would measure each other) and
 * lets each print its figures and write its JSON into bench/results/.
 *
 *   npm run bench              all of them
 *   npm run bench -- voc       only those whose file name contains "voc"
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const filter = process.argv[2];
const benches = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && f !== path.basename(__filename) && f !== 'support.ts')
  .filter((f) => !filter || f.includes(filter))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== bench/${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
