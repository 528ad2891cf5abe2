import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { versionText } from '../../../local/cli/main';
import { nodeSupportNotice, quietSdkNodeWarning, SDK_NODE_WARNING_SWITCH } from '../../../local/runtime/node-support';
import pkg from '../../../package.json';

/** `contact-center --version` and the one-line Node.js support notice that replaces the SDK's warning. */

test('--version prints the package version and the Node.js running it', () => {
  const out = execFileSync(process.execPath, [path.resolve(__dirname, '../../../bin/contact-center.js'), '--version'], {
    encoding: 'utf8',
  });
  expect(out.split('\n')[0]).toBe(`contact-center ${pkg.version} (Node.js v${process.versions.node})`);
});

test('on Node.js 20 the version says what SDK updates need; on 22 and 24 it says nothing more', () => {
  expect(versionText('20.20.2')).toBe(
    `contact-center ${pkg.version} (Node.js v20.20.2)\n` +
      'Node.js v20.20.2 reached end of life; it runs this project with the pinned AWS SDK, but SDK releases after ' +
      'the first week of January 2027 need Node.js 22 or newer (the Lambdas run Node.js 24).',
  );
  expect(nodeSupportNotice('22.12.0')).toBeUndefined();
  expect(versionText('24.11.0')).toBe(`contact-center ${pkg.version} (Node.js v24.11.0)`);
});

test("the SDK's warning is switched off by its own switch, unless the user set that switch", () => {
  const env: NodeJS.ProcessEnv = {};
  quietSdkNodeWarning(env);
  expect(env[SDK_NODE_WARNING_SWITCH]).toBe('true');
  const chosen: NodeJS.ProcessEnv = { [SDK_NODE_WARNING_SWITCH]: 'false' };
  quietSdkNodeWarning(chosen);
  expect(chosen[SDK_NODE_WARNING_SWITCH]).toBe('false');
});
