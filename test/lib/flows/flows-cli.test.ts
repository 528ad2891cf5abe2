import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type FlowsLintOutput, runFlowsLint } from '../../../local/cli/commands/flows';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-cli-'));
const broken = path.join(tmp, 'broken.json');
fs.writeFileSync(
  broken,
  JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'a',
    Actions: [{ Identifier: 'a', Type: 'PlayPromptTwice', Parameters: {}, Transitions: { NextAction: 'b' } }],
  }),
);

describe('contact-center flows lint', () => {
  it('lints every shipped flow by default and exits 0', () => {
    const { out, io } = capture();
    expect(runFlowsLint([], {}, io)).toBe(0);
    expect(out.stdout).toMatch(/3 flow\(s\): 0 error\(s\), 0 warning\(s\)/);
    expect(out.stderr).toBe('');
  });

  it('prints JSON with the flow types taken from the catalog', () => {
    const { out, io } = capture();
    expect(runFlowsLint([], { json: true }, io)).toBe(0);
    const json = JSON.parse(out.stdout) as FlowsLintOutput;
    expect(json.errors).toBe(0);
    expect(json.files.map((f) => [path.basename(f.file), f.flowType])).toEqual([
      ['customer-queue.json', 'CUSTOMER_QUEUE'],
      ['inbound-chat.json', 'CONTACT_FLOW'],
      ['inbound-voice.json', 'CONTACT_FLOW'],
    ]);
  });

  it('exits 1 and prints each diagnostic for a broken flow', () => {
    const { out, io } = capture();
    expect(runFlowsLint([broken], { type: 'CONTACT_FLOW' }, io)).toBe(1);
    expect(out.stdout).toContain('error: ');
    expect(out.stdout).toContain('a: [unknown-type] unknown action type "PlayPromptTwice"');
    expect(out.stdout).toContain('a: [next-action] NextAction goes to "b", which names no action');
  });

  it('forbids placeholders on request', () => {
    const { out, io } = capture();
    const inbound = path.resolve(__dirname, '../../../contact-flows/inbound-voice.json');
    expect(runFlowsLint([inbound], { placeholders: 'forbid', json: true }, io)).toBe(1);
    const json = JSON.parse(out.stdout) as FlowsLintOutput;
    expect(json.files[0]!.diagnostics.every((d) => d.rule === 'unresolved-placeholder')).toBe(true);
  });

  it('names an unreadable file and an unknown type on stderr with exit 2', () => {
    const missing = capture();
    expect(runFlowsLint([path.join(tmp, 'missing.json')], {}, missing.io)).toBe(2);
    expect(missing.out.stderr).toMatch(/missing\.json: cannot read: ENOENT/);
    const badType = capture();
    expect(runFlowsLint([broken], { type: 'INBOUND' }, badType.io)).toBe(2);
    expect(badType.out.stderr).toMatch(/--type: unknown flow type "INBOUND"/);
  });
});
