import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDynamoDbCustomerStore,
  createStoreDocumentClient,
} from '../lambdas/shared/customer-data/dynamodb-customer-store';
import { useLocalAwsEnvironment } from '../local/cli/local-runtime';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalDynamoDb } from '../local/engines/local-dynamodb';
import { loadLocalConfig } from '../local/runtime/config';
import { parseInstant } from '../local/runtime/instant';
import { loadIvrLookupHandler } from '../local/runtime/lambda-env';
import { createLocalRuntime, type SimulateCallOptions, simulateCall } from '../local/runtime/simulate-call';
import { seedDemoData } from '../local/seed/demo-data';
import { median, numericArg, percentile, ROOT, round } from './support';

/**
 * Local contact center benchmark (figures only, no assertions):
 * 1. simulated calls per second in one process: `simulateCall` (interpreter + the real ivr-lookup
 *    handler + dynalite in memory) over a mix of caller scenarios, with per-call p50/p99;
 * 2. the per-process cost of `contact-center call --json` (a fresh node + tsx + dynalite on disk);
 * 3. how long `npm start` takes to serve its first page (fresh home: seeding included; then a restart
 *    on the same data), and how long Ctrl-C (SIGINT) takes to stop it.
 *
 * Run: npx tsx bench/local-call.ts [--calls N] [--cli-runs N] [--start-runs N]   → bench/results/local-call.json
 */

const CALLS = numericArg('--calls', 1000);
const CLI_RUNS = numericArg('--cli-runs', 5);
const START_RUNS = numericArg('--start-runs', 3);

async function inProcess() {
  const config = loadLocalConfig();
  const engine = await startLocalDynamoDb();
  const restore = useLocalAwsEnvironment(engine.endpoint, engine.tableName);
  const doc = createStoreDocumentClient({
    clientConfig: { endpoint: engine.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS },
  });
  try {
    await seedDemoData(createDynamoDbCustomerStore({ tableName: engine.tableName, client: doc }));
    const runtime = createLocalRuntime(config, loadIvrLookupHandler('SILENT'));
    const open = parseInstant('2026-04-06T10:00', config.timeZone)!;
    const evening = parseInstant('2026-04-06T20:00', config.timeZone)!;
    const mix: SimulateCallOptions[] = [
      { from: '03-1234-5678', digits: '2', at: open }, // known gold → Priority
      { from: '080-2345-6789', digits: '12', at: open }, // English, self-service, then agent
      { from: '045-234-5678', digits: '2', at: open }, // shared → generic
      { from: '03-9999-0000', digits: '2', at: open }, // unknown
      { from: null, digits: '2', at: open }, // anonymous (no store request)
      { from: '090-1234-5678', digits: '1', at: evening }, // after hours, callback
    ];
    for (let i = 0; i < 30; i++) await simulateCall(runtime, mix[i % mix.length]!);
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      await simulateCall(runtime, mix[i % mix.length]!);
      latencies.push(performance.now() - t);
    }
    const elapsed = performance.now() - started;
    return {
      calls: CALLS,
      scenarioMix: mix.length,
      engine: 'dynalite (in-process, in-memory)',
      callsPerSecond: round((CALLS / elapsed) * 1000, 1),
      p50Ms: round(median(latencies), 3),
      p99Ms: round(percentile(latencies, 99), 3),
    };
  } finally {
    doc.destroy();
    restore();
    await engine.close();
  }
}

function runCli(home: string): Promise<number> {
  const t = performance.now();
  return new Promise((res, rej) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/contact-center.js'), 'call', '--from', '03-1234-5678', '--digits', '2', '--json'],
      { cwd: ROOT, env: { ...process.env, CONTACT_CENTER_HOME: home } },
      (err, stdout) => {
        if (err) return rej(err);
        JSON.parse(stdout);
        res(performance.now() - t);
      },
    );
  });
}

async function cliProcesses() {
  const home = mkdtempSync(join(tmpdir(), 'bench-call-'));
  try {
    const first = await runCli(home); // seeds the empty store
    const runs: number[] = [];
    for (let i = 0; i < CLI_RUNS; i++) runs.push(await runCli(home));
    return {
      runs: CLI_RUNS,
      firstRunMs: round(first, 0),
      medianMs: round(median(runs), 0),
      callsPerSecond: round(1000 / median(runs), 2),
      note: 'a fresh node process per call: tsx compile cache, SDK load, dynalite opening LevelDB',
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function waitForFirstPage(port: number, child: ReturnType<typeof spawn>, t0: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    if (performance.now() - t0 > 60_000) throw new Error('npm start did not serve a page within 60 s');
    try {
      const res = await fetch(`http://localhost:${port}/`);
      await res.text();
      if (res.status === 200) return performance.now() - t0;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Spawns `npm start`, polls until the console answers 200, then stops it with SIGINT. */
async function startOnce(home: string): Promise<{ firstPageMs: number; stopMs: number; cleanStop: boolean }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, CONTACT_CENTER_HOME: home, PORT: String(port) },
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // npm runs tsx runs node: signal the process group we started, as Ctrl-C in a terminal does.
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
  };
  let firstPageMs: number;
  try {
    firstPageMs = await waitForFirstPage(port, child, t0);
  } catch (err) {
    stop();
    await exited;
    throw err;
  }
  const stopAt = performance.now();
  stop();
  await exited;
  const stopMs = performance.now() - stopAt;
  // npm itself dies of the signal; the contact center's own process removes server.json when it stopped cleanly.
  return { firstPageMs, stopMs, cleanStop: !existsSync(join(home, 'server.json')) };
}

async function npmStart() {
  const fresh: number[] = [];
  const restart: number[] = [];
  const stops: number[] = [];
  let cleanStops = 0;
  for (let i = 0; i < START_RUNS; i++) {
    const home = mkdtempSync(join(tmpdir(), 'bench-start-'));
    try {
      const a = await startOnce(home);
      const b = await startOnce(home);
      fresh.push(a.firstPageMs);
      restart.push(b.firstPageMs);
      stops.push(a.stopMs, b.stopMs);
      cleanStops += Number(a.cleanStop) + Number(b.cleanStop);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
  return {
    runs: START_RUNS,
    firstStartFirstPageMedianMs: round(median(fresh), 0),
    restartFirstPageMedianMs: round(median(restart), 0),
    firstPageMaxMs: round(Math.max(...fresh, ...restart), 0),
    sigintStopMedianMs: round(median(stops), 0),
    cleanStops: `${cleanStops}/${2 * START_RUNS} (server.json removed, dynalite closed)`,
    measured: 'spawn of `npm start` until GET / answers 200 (fresh home includes seeding the demo data)',
  };
}

async function main() {
  const inProc = await inProcess();
  console.log(`in-process: ${inProc.callsPerSecond} calls/s (p50 ${inProc.p50Ms} ms, p99 ${inProc.p99Ms} ms)`);
  const cli = await cliProcesses();
  console.log(`CLI process: median ${cli.medianMs} ms per call (first run ${cli.firstRunMs} ms)`);
  const start = await npmStart();
  console.log(
    `npm start: first page after ${start.firstStartFirstPageMedianMs} ms (fresh home), ${start.restartFirstPageMedianMs} ms (restart); SIGINT stop ${start.sigintStopMedianMs} ms`,
  );
  let commit = 'unknown';
  await new Promise<void>((r) =>
    execFile('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }, (err, out) => {
      if (!err) commit = out.trim();
      r();
    }),
  );
  const result = {
    benchmark: 'local-call',
    date: new Date().toISOString(),
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    commit,
    inProcess: inProc,
    cliProcess: cli,
    npmStart: start,
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const out = join(ROOT, 'bench/results/local-call.json');
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
