import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { type RunningContactCenter, startLocalContactCenter } from '../local/runtime/local-contact-center';
import { SDK_NODE_WARNING_SWITCH } from '../local/runtime/node-support';

/**
 * The README's "Try it" block, run line by line as a newcomer would: `npm start` running on a fresh
 * local home, each command from the repository root in a shell. Read from README.md itself, so the
 * README and this test cannot drift apart.
 */

const run = promisify(execFile);
const root = path.resolve(__dirname, '..');

/** The commands of the first bash block under `## Try it`. */
function tryItCommands(readme: string): string[] {
  const section = readme.split(/^## Try it$/m)[1]?.split(/^## /m)[0] ?? '';
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const commands = tryItCommands(readFileSync(path.join(root, 'README.md'), 'utf8'));

let home: string;
let cc: RunningContactCenter;
let statusBefore: string;

async function gitStatus(): Promise<string> {
  return (await run('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root })).stdout;
}

beforeAll(async () => {
  statusBefore = await gitStatus();
  home = mkdtempSync(path.join(tmpdir(), 'cc-readme-'));
  cc = await startLocalContactCenter({ home, port: 0 });
});
afterAll(async () => {
  await cc?.close();
  rmSync(home, { recursive: true, force: true });
});

test('the block holds the commands a newcomer tries', () => {
  expect(commands.length).toBeGreaterThanOrEqual(10);
  for (const c of commands) expect(c).toMatch(/^npx contact-center /);
});

test.each(commands.map((c) => [c]))('%s', async (command) => {
  // The SDK's warning switch is left to the CLI (the test setup sets it for this process).
  const env: NodeJS.ProcessEnv = { ...process.env, CONTACT_CENTER_HOME: home };
  delete env[SDK_NODE_WARNING_SWITCH];
  const result = await run('bash', ['-c', command], { cwd: root, env, maxBuffer: 16 * 1024 * 1024 }).catch(
    (err: { code?: number; stdout?: string; stderr?: string }) => err,
  );
  const { stdout = '', stderr = '' } = result as { stdout?: string; stderr?: string };
  expect({ exit: (result as { code?: number }).code ?? 0, stderr: stderr.includes('Warning') ? stderr : '' }).toEqual({
    exit: 0,
    stderr: '',
  });
  // Keys are given for every prompt the example reaches: no time-outs, no "input not recognized".
  expect(stdout).not.toContain('(no input');
  expect(stdout).not.toContain('入力を確認できませんでした');
});

test('running the block leaves the clone as it was (outputs go under the local home)', async () => {
  expect(await gitStatus()).toBe(statusBefore);
});
