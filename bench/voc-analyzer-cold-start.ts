/**
 * voc-analyzer asset size and cold start (figures only, no assertions).
 *
 * 1. The asset as ProjectFunction builds it (projectEsbuildOptions: minified CommonJS, source map,
 *    '@aws-sdk/*' external): index.js, its map, and every file the bundling hooks copy next to it;
 *    bytes on disk and a zip-like estimate (each file gzipped; the dictionary files are gzip already).
 * 2. Cold start: a fresh `node --enable-source-maps` (as the construct sets NODE_OPTIONS) requiring the
 *    bundle and running a first invocation with an empty SQS batch, which builds everything a
 *    container builds once (clients, and after issue 11 the redactor with its dictionary and the
 *    digest key, read from a stand-in of the Secrets Manager endpoint on 127.0.0.1); next to a bare
 *    `node -e ''`. Interleaved, medians.
 *
 * Run: npx tsx bench/voc-analyzer-cold-start.ts [--reps N] [--baseline-root DIR]
 *      → bench/results/voc-analyzer-cold-start.json
 * --baseline-root: a checkout of an earlier commit (e.g. `git archive ac8269f | tar -x -C DIR` with
 * node_modules linked in); its handler is bundled the same way and its cold starts are interleaved
 * with this tree's, so both are measured under the same machine load (results: `before` / `after`).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { projectEsbuildOptions } from '../lib/constructs/project-function';
import * as vocPipeline from '../lib/voc/voc-pipeline';
import { median, numericArg, ROOT, round, stringArg } from './support';

const BASELINE_ROOT = stringArg('--baseline-root', '');
const REPS = numericArg('--reps', 7);
const RESULTS = join(__dirname, 'results', 'voc-analyzer-cold-start.json');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)],
  );
}

async function buildAsset(outDir: string, root = ROOT, copyDirectories = true) {
  const options = projectEsbuildOptions();
  await build({
    ...options,
    external: [...options.external],
    mainFields: undefined,
    entryPoints: [join(root, 'lambdas/voc-analyzer/handler.ts')],
    outfile: join(outDir, 'index.js'),
    logLevel: 'error',
  });
  // What VocPipeline's bundling hook copies next to index.js (absent before issue 11).
  const copied = (vocPipeline as { VOC_ANALYZER_ASSET_DIRECTORIES?: readonly { from: string; to: string }[] })
    .VOC_ANALYZER_ASSET_DIRECTORIES;
  for (const dir of copyDirectories ? (copied ?? []) : [])
    cpSync(join(ROOT, dir.from), join(outDir, dir.to), { recursive: true });
  const files = filesUnder(outDir).map((f) => {
    const data = readFileSync(f);
    return { file: relative(outDir, f), bytes: data.length, gzipBytes: gzipSync(data).length };
  });
  return {
    indexJsBytes: statSync(join(outDir, 'index.js')).size,
    files: files.length,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    zipEstimateBytes: files.reduce((s, f) => s + f.gzipBytes, 0),
  };
}

/** Wall time of a fresh node process (asynchronous, so the Secrets Manager stand-in can answer meanwhile). */
function timeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`${args.join(' ')} failed (${code}): ${stderr}`));
      else resolve(ms);
    });
  });
}

/** A stand-in for the Secrets Manager endpoint on 127.0.0.1 (GetSecretValue only): the function reads its digest key at cold start. */
async function secretsManagerStandIn() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(JSON.stringify({ ARN: SECRET_ARN, Name: 'bench', SecretString: 'b'.repeat(64), VersionId: 'v1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const SECRET_ARN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:bench-digest-key';

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'voc-analyzer-asset-'));
  const secrets = await secretsManagerStandIn();
  try {
    const asset = await buildAsset(join(outDir, 'after'));
    const baselineAsset = BASELINE_ROOT ? await buildAsset(join(outDir, 'before'), BASELINE_ROOT, false) : undefined;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      // The Lambda runtime provides @aws-sdk/*; here the repository's copy stands in for it.
      NODE_PATH: join(ROOT, 'node_modules'),
      CUSTOMER_TABLE_NAME: 'bench-customers',
      VOC_DELIVERY_STREAM_NAME: 'bench-stream',
      VOC_ALERT_TOPIC_ARN: 'arn:aws:sns:ap-northeast-1:123456789012:bench',
      AWS_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      VOC_DIGEST_KEY_SECRET_ARN: SECRET_ARN,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const context = '{functionName:"voc-analyzer",awsRequestId:"bench",getRemainingTimeInMillis:()=>60000}';
    const invoke = (dir: string) =>
      `Promise.resolve(require(${JSON.stringify(join(outDir, dir, 'index.js'))}))` +
      `.then(m=>m.handler({Records:[]},${context})).then(r=>{if(!r||!Array.isArray(r.batchItemFailures))process.exit(3)})`;
    const runs: [string, string[]][] = [
      ['bare', ['-e', '']],
      ['after', ['--enable-source-maps', '-e', invoke('after')]],
      ...(baselineAsset ? [['before', ['--enable-source-maps', '-e', invoke('before')]] as [string, string[]]] : []),
    ];
    const samples = new Map<string, number[]>(runs.map(([n]) => [n, []]));
    for (const [, args] of runs) await timeProcess(args, env); // warm the file cache
    for (let i = 0; i < REPS; i++) {
      for (const [name, args] of runs) samples.get(name)?.push(await timeProcess(args, env));
    }
    const med = (name: string) => round(median(samples.get(name) ?? []));
    const figuresOf = (name: string, a: Awaited<ReturnType<typeof buildAsset>>) => ({
      asset: a,
      coldStartMs: med(name),
      coldStartOverBareMs: round(med(name) - med('bare')),
    });
    const result = {
      generatedAt: new Date().toISOString(),
      node: process.version,
      reps: REPS,
      what: 'fresh node --enable-source-maps: require the bundle + first invocation with an empty SQS batch',
      bareNodeMs: med('bare'),
      ...(baselineAsset ? { before: { root: BASELINE_ROOT, ...figuresOf('before', baselineAsset) } } : {}),
      after: figuresOf('after', asset),
    };
    for (const label of ['before', 'after'] as const) {
      const f = result[label as keyof typeof result] as ReturnType<typeof figuresOf> | undefined;
      if (!f) continue;
      console.log(
        `voc-analyzer ${label}: asset index.js ${(f.asset.indexJsBytes / 1e6).toFixed(2)} MB, ${f.asset.files} file(s) ` +
          `${(f.asset.bytes / 1e6).toFixed(2)} MB on disk, ≈${(f.asset.zipEstimateBytes / 1e6).toFixed(2)} MB zipped; ` +
          `cold start ${f.coldStartMs} ms median (bare node ${result.bareNodeMs} ms, +${f.coldStartOverBareMs} ms)`,
      );
    }
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    secrets.server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
