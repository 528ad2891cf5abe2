/**
 * PII redaction throughput (figures only, no assertions): documents per second through the shared
 * redaction module (lambdas/shared/pii/redactor.ts) as `voc ingest` runs it (English layer: the
 * offline PatternPiiApproximation) and without its English layer (redactLocally: patterns + kuromoji),
 * next to the pattern redaction it replaced (`redactPiiPatterns` of lambdas/shared/voc/pii.ts, read
 * from the commit before issue 11 with `git show`). Documents: the demo VOC history (ja/en, 10 % made
 * long) plus the PII corpus (test/fixtures/pii/corpus.json), in a fixed order.
 *
 * Run: npx tsx bench/voc-redaction.ts [--docs N] [--baseline-commit SHA]
 *      → bench/results/voc-redaction.json
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PiiRedactor } from '../lambdas/shared/pii/redactor';
import { PatternPiiApproximation } from '../lambdas/shared/voc/pattern-pii-approximation';
import { generateDemoVocHistory } from '../local/voc/demo-history';
import { numericArg, ROOT, round, stringArg } from './support';

const DOCS = numericArg('--docs', 5000);
/** The last commit before issue 11's redaction module. */
const BASELINE = stringArg('--baseline-commit', 'ac8269f');

function documents(n: number): string[] {
  const corpus = (
    JSON.parse(readFileSync(join(ROOT, 'test/fixtures/pii/corpus.json'), 'utf8')) as { cases: { text: string }[] }
  ).cases.map((c) => c.text);
  const demo = generateDemoVocHistory({ days: Math.ceil(n / 50), perDay: 50, seed: 42, until: new Date('2025-06-30') })
    .slice(0, n - corpus.length)
    .map((m, i) => (i % 10 === 0 ? m.text.repeat(Math.ceil(1200 / m.text.length)) : m.text));
  return [...demo, ...corpus];
}

async function timeIt(docs: string[], run: (text: string) => unknown | Promise<unknown>) {
  for (const d of docs.slice(0, 200)) await run(d); // warm up (JIT, tokenizer caches)
  const t0 = performance.now();
  for (const d of docs) await run(d);
  const seconds = (performance.now() - t0) / 1000;
  const chars = docs.reduce((s, d) => s + d.length, 0);
  return {
    documents: docs.length,
    seconds: round(seconds, 3),
    documentsPerSecond: Math.round(docs.length / seconds),
    charactersPerSecond: Math.round(chars / seconds),
  };
}

async function main() {
  const docs = documents(DOCS);
  const t0 = performance.now();
  const redactor = await PiiRedactor.create({ english: new PatternPiiApproximation() });
  const tokenizerBuildMs = round(performance.now() - t0);
  const full = await timeIt(docs, (d) => redactor.redact(d));
  const local = await timeIt(docs, (d) => redactor.redactLocally(d));

  // The pattern redaction this module replaced, from the baseline commit.
  const scratch = mkdtempSync(join(tmpdir(), 'voc-redaction-baseline-'));
  let baseline: Awaited<ReturnType<typeof timeIt>> | { error: string };
  try {
    const file = join(scratch, 'pii.ts');
    writeFileSync(file, execFileSync('git', ['show', `${BASELINE}:lambdas/shared/voc/pii.ts`], { cwd: ROOT }));
    const old = require(file) as { redactPiiPatterns: (text: string) => unknown };
    baseline = await timeIt(docs, (d) => old.redactPiiPatterns(d));
  } catch (err) {
    baseline = { error: `baseline ${BASELINE} unavailable: ${(err as Error).message.split('\n')[0]}` };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const result = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    documents: docs.length,
    averageCharacters: Math.round(docs.reduce((s, d) => s + d.length, 0) / docs.length),
    tokenizerBuildMs,
    redactWithEnglishApproximation: full,
    redactLocally: local,
    baselinePatternRedaction: { commit: BASELINE, ...baseline },
  };
  console.log(`PII redaction — ${docs.length} documents, ${result.averageCharacters} characters on average`);
  console.log(`  kuromoji tokenizer build: ${tokenizerBuildMs} ms (once per process)`);
  console.log(`  redact (all layers, offline English approximation): ${full.documentsPerSecond} documents/s`);
  console.log(`  redactLocally (patterns + Japanese analyzer):       ${local.documentsPerSecond} documents/s`);
  if ('documentsPerSecond' in baseline) {
    console.log(`  before (redactPiiPatterns at ${BASELINE}):             ${baseline.documentsPerSecond} documents/s`);
  } else console.log(`  before: ${baseline.error}`);
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'voc-redaction.json'), `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
