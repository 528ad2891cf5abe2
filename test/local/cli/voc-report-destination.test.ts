import { join, resolve } from 'node:path';
import { reportDestination } from '../../../local/cli/commands/voc';

/** Where `voc report` writes: never into the working directory unless told to. */

const home = '/tmp/cc-home';
const range = { from: '2026-11-01', to: '2026-11-30' };

test('an HTML report without --out goes under the local home, not the working directory', () => {
  expect(reportDestination('html', undefined, home, range)).toEqual({
    file: join(home, 'reports', 'voc-2026-11-01_2026-11-30.html'),
  });
});

test('--out is honoured as given, and "-" is stdout', () => {
  expect(reportDestination('html', 'out/voc.html', home, range)).toEqual({ file: resolve('out/voc.html') });
  expect(reportDestination('html', '-', home, range)).toEqual({ stdout: true });
});

test('tables, CSV and JSON print to stdout', () => {
  for (const format of ['table', 'csv', 'json'])
    expect(reportDestination(format, undefined, home, range)).toEqual({ stdout: true });
});
