// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow placeholders are written ${Name}, as in the flow files
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic, lintFlow } from '../../../lib/flows/lint';
import { type FlowType, isFlowType } from '../../../lib/flows/model';
import { sharedDir } from './shared-fixtures';

/** Nine flows exported from a real instance (read in place): the compatibility corpus of the linter. */
const FIXTURES = path.join(sharedDir(), 'fixtures', 'connect-flows', 'acme');
const index = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'index.json'), 'utf8')) as {
  flows: { file: string; type: string }[];
};

describe('exported flows (acme fixtures)', () => {
  it('lists nine flows of known types', () => {
    expect(index.flows).toHaveLength(9);
    expect(index.flows.every((f) => isFlowType(f.type))).toBe(true);
  });

  it.each(index.flows)('$file lints with no error as $type', ({ file, type }) => {
    const content = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const diagnostics = lintFlow(content, { file, flowType: type as FlowType, placeholders: 'allow' });
    expect(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  });

  it('reports their foreign placeholders when placeholders are forbidden', () => {
    const file = 'acme_main_AUTO.json';
    const content = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const unresolved = lintFlow(content, { file, flowType: 'CONTACT_FLOW' }).filter(
      (d) => d.rule === 'unresolved-placeholder',
    );
    expect(unresolved.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        'placeholder ${ACCT_ID} was not substituted',
        'placeholder ${Q:sales:Q} was not substituted',
      ]),
    );
    expect(unresolved.every((d) => d.actionId === 'FLOW_OBJECT_MAPS#')).toBe(true);
  });

  it('names an unknown action type in an exported flow', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'acme_main_AUTO.json'), 'utf8'));
    doc.Actions[0].Type = 'PlayPromptLegacy';
    const diagnostics = lintFlow(doc, { file: 'acme_main_AUTO.json', flowType: 'CONTACT_FLOW', placeholders: 'allow' });
    expect(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      `acme_main_AUTO.json: ${doc.Actions[0].Identifier}: [unknown-type] unknown action type "PlayPromptLegacy"`,
    ]);
  });

  it('rejects an exported inbound flow deployed as a hold flow', () => {
    const content = fs.readFileSync(path.join(FIXTURES, 'acme_main_AUTO.json'), 'utf8');
    const rules = lintFlow(content, { file: 'f', flowType: 'AGENT_HOLD', placeholders: 'allow' }).map((d) => d.rule);
    expect(rules).toContain('flow-type');
  });
});
