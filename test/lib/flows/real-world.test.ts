// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow placeholders are written ${Name}, as in the flow files
import * as fs from 'node:fs';
import { jsonErrorOffset } from '../../../lib/flows/json-position';
import { formatDiagnostic, lintFlow } from '../../../lib/flows/lint';
import { type FlowType, isFlowType } from '../../../lib/flows/model';
import { type FlowsLintOutput, runFlowsLint } from '../../../local/cli/commands/flows';
import { action, around, doc, end, errorsOf, type Json, lint, ok, rules, say } from './helpers';
import { fixtureFlows } from './shared-fixtures';

/**
 * 65 flows exported by real Amazon Connect instances (acme + real-world corpora, read in place): they
 * are what Connect itself produced, so a linter error on a valid one is a linter bug.
 */
const flows = fixtureFlows();
const valid = flows.filter((f) => f.expect.startsWith('valid'));
const read = (name: string) => {
  const flow = flows.find((f) => f.name === name);
  if (!flow) throw new Error(`no fixture ${name}`);
  return JSON.parse(fs.readFileSync(flow.path, 'utf8')) as { Actions: Json[] };
};

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

describe('real Connect exports', () => {
  it('indexes 64 valid flows of known types and one invalid one', () => {
    expect(valid).toHaveLength(64);
    expect(flows).toHaveLength(65);
    expect(flows.every((f) => isFlowType(f.type))).toBe(true);
  });

  it('`flows lint --type T` reports 0 errors on every valid export, as its own type', () => {
    const byType = new Map<string, string[]>();
    for (const f of valid) byType.set(f.type, [...(byType.get(f.type) ?? []), f.path]);
    const errors: string[] = [];
    for (const [type, files] of byType) {
      const { out, io } = capture();
      const code = runFlowsLint(files, { type, json: true }, io);
      const json = JSON.parse(out.stdout) as FlowsLintOutput;
      for (const r of json.files) {
        for (const d of r.diagnostics) if (d.severity === 'error') errors.push(formatDiagnostic(d));
      }
      expect({ type, code, stderr: out.stderr }).toEqual({ type, code: errors.length > 0 ? 1 : 0, stderr: '' });
    }
    expect(errors).toEqual([]);
  });

  it('reports the export that is invalid JSON as published with its line and column, and nothing else', () => {
    const broken = flows.find((f) => !f.expect.startsWith('valid'));
    expect(broken?.name).toBe('real-world/amazon-connect-salesforce-scv/awsscv_ddr_flow.json');
    const diagnostics = lintFlow(fs.readFileSync(broken!.path, 'utf8'), {
      file: 'awsscv_ddr_flow.json',
      flowType: broken!.type as FlowType,
    });
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'awsscv_ddr_flow.json:1:15507: [json] not valid JSON at line 1, column 15507: Bad escaped character',
    ]);
  });

  it('counts lines and columns across newlines', () => {
    const [d] = lint('{\n  "Version": "2019-10-30",\n  "StartAction": x\n}');
    expect({ line: d?.line, column: d?.column }).toEqual({ line: 3, column: 18 });
    const [truncated] = lint('{\n  "Version": ');
    expect({ line: truncated?.line, column: truncated?.column }).toEqual({ line: 2, column: 14 });
  });
});

describe('rules the real exports corrected, with the defects they still catch', () => {
  const flowOf = (name: string) => read(name);
  const metricAction = (doc: { Actions: Json[] }) => doc.Actions.find((a) => a.Type === 'CheckMetricData')!;

  it('accepts $.Views.* written by Show view, and still rejects an unknown root beside it', () => {
    const financial = flowOf('real-world/amazon-connect-step-by-step-guides-module-library/Financial_contactFlow.json');
    expect(errorsOf(financial, { flowType: 'CONTACT_FLOW', placeholders: 'allow' })).toEqual([]);
    const misspelt = JSON.parse(
      JSON.stringify(financial).replaceAll('$.Views.ViewResultData', '$.View.ViewResultData'),
    );
    expect(rules(misspelt, { placeholders: 'allow' })).toContain('reference-root');
    expect(errorsOf(around(say('m', 'end', '$.Views.Action を記録')))).toEqual([]);
  });

  it('accepts $.MediaStreams.* and $.CustomerCallBackPhoneNumber', () => {
    const media = around(
      action(
        'c',
        'Compare',
        { ComparisonValue: '$.MediaStreams.Customer.Audio.StartTimestamp' },
        {
          Conditions: [{ NextAction: 'end', Condition: { Operator: 'Equals', Operands: ['x'] } }],
          Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingCondition' }],
        },
      ),
    );
    expect(errorsOf(media)).toEqual([]);
    expect(errorsOf(around(say('m', 'end', '$.CustomerCallBackPhoneNumber にお掛け直しします')))).toEqual([]);
    expect(errorsOf(around(say('m', 'end', '$.MediaStream.Customer にお掛け直しします')))).toHaveLength(1);
  });

  it("lets Check staffing's agent metrics go to NoMatchingCondition, as the console exports it", () => {
    const name = 'real-world/amazon-connect-salesforce-scv/AWS_Sample_SCV_Queue_Transfer.json';
    const transfer = flowOf(name);
    expect(metricAction(transfer).Parameters).toMatchObject({ MetricType: 'NumberOfAgentsStaffed' });
    expect(errorsOf(transfer, { flowType: 'QUEUE_TRANSFER', placeholders: 'allow' })).toEqual([]);
    const withBogusError = JSON.parse(JSON.stringify(transfer)) as { Actions: Json[] };
    const metric = metricAction(withBogusError) as { Transitions: { Errors: Json[] } };
    metric.Transitions.Errors.push({
      NextAction: metric.Transitions.Errors[0]!.NextAction,
      ErrorType: 'QueueAtCapacity',
    });
    expect(errorsOf(withBogusError, { flowType: 'QUEUE_TRANSFER', placeholders: 'allow' })).toEqual([
      expect.stringContaining('[error-type] CheckMetricData has no error "QueueAtCapacity"'),
    ]);
  });

  it('knows TagContact, UnTagContact and UpdateContactRoutingCriteria, and checks TagContact values', () => {
    const tag = (Tags: unknown) => around(action('t', 'TagContact', { Tags }, ok('end')));
    expect(errorsOf(tag({ 用件: '$.Attributes.intent' }))).toEqual([]);
    expect(errorsOf(tag({ 用件: '$.Caller.intent' }))).toEqual([expect.stringContaining('[reference-root]')]);
    expect(errorsOf(tag(undefined))).toEqual([expect.stringContaining('[required-parameter] TagContact needs Tags')]);
    expect(errorsOf(around(action('u', 'UnTagContact', { TagKeys: ['用件'] }, ok('end'))))).toEqual([]);
    const criteria = around(action('r', 'UpdateContactRoutingCriteria', { RoutingCriteria: { Steps: [] } }, ok('end')));
    expect(errorsOf(criteria)).toEqual([]);
  });

  it('does not suggest a NoMatchingError branch on UpdateContactCallbackNumber, which documents its own two errors', () => {
    const callback = (Errors: Json[]) =>
      around(
        action(
          'cb',
          'UpdateContactCallbackNumber',
          { CallbackNumber: '$.StoredCustomerInput' },
          { NextAction: 'end', Errors },
        ),
      );
    const own = [
      { NextAction: 'end', ErrorType: 'InvalidCallbackNumber' },
      { NextAction: 'end', ErrorType: 'CallbackNumberNotDialable' },
    ];
    expect(lint(callback(own), { strict: true })).toEqual([]);
    expect(errorsOf(callback([...own, { NextAction: 'end', ErrorType: 'QueueAtCapacity' }]))).toEqual([
      expect.stringContaining('[error-type]'),
    ]);
  });

  it("makes the missing-branch warning opt-in where the console's own blocks never add one", () => {
    const play = around(action('m', 'MessageParticipant', { Text: 'x' }, { NextAction: 'end' }));
    expect(rules(play)).not.toContain('missing-error-branch');
    expect(rules(play, { strict: true })).toContain('missing-error-branch');
    const lambda = around(
      action(
        'l',
        'InvokeLambdaFunction',
        { LambdaFunctionARN: 'arn:aws:lambda:ap-northeast-1:1:function:f', InvocationTimeLimitSeconds: '3' },
        { NextAction: 'end' },
      ),
    );
    expect(rules(lambda)).toContain('missing-error-branch');
  });
});

describe('placeholders of other projects and emptied ARNs (content as deployed)', () => {
  const lambda = (LambdaFunctionARN: string) =>
    around(action('l', 'InvokeLambdaFunction', { LambdaFunctionARN, InvocationTimeLimitSeconds: '3' }, ok('end')));

  it.each([
    ['%QueueArn%', 'cdk constructs sample'],
    ['%INVOKE_TELEPHONY_FUNCTION_ARN%', 'Salesforce SCV'],
    ['{{ lambda_arn }}', 'Jinja / Ansible'],
    ['#{LambdaArn}#', 'replace-tokens'],
    ['$(LambdaArn)', 'Azure Pipelines'],
    ['<%= lambda_arn %>', 'ERB'],
  ])('reports %s (%s)', (token) => {
    expect(errorsOf(lambda(token))).toEqual([
      expect.stringContaining(`[unresolved-placeholder] ${token} looks like another project's placeholder`),
    ]);
    expect(errorsOf(lambda(token), { placeholders: 'allow' })).toEqual([]);
  });

  it('leaves URL escapes, percentages and $. references alone', () => {
    const text = 'https://example.jp/%E3%81%82 は 50% 割引、$.Attributes.tier 様 {x}';
    expect(errorsOf(around(say('m', 'end', text)))).toEqual([]);
  });

  it("finds the real exports' own tokens when placeholders are forbidden", () => {
    const inbound = read('real-world/sample-cdk-constructs-for-amazon-connect/inbound-contact-flow.json');
    const messages = errorsOf(inbound).filter((m) => m.includes('[unresolved-placeholder]'));
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('%QueueArn%')]));
  });

  it('reports an empty or partial ARN', () => {
    expect(errorsOf(lambda(''))).toEqual([expect.stringContaining('[empty-arn] LambdaFunctionARN is empty')]);
    expect(errorsOf(lambda('arn:aws:lambda:ap-northeast-1:111111111111:function:'))).toEqual([
      expect.stringContaining('is not a whole ARN'),
    ]);
    expect(errorsOf(lambda('arn:aws:lambda:ap-northeast-1:111111111111:function:f'))).toEqual([]);
    const lex = read(
      'real-world/amazon-connect-step-by-step-guides-module-library/mod_LexIntegration_SBS_Lex_Integration_Handler.json',
    );
    expect(errorsOf(lex, { placeholders: 'allow' })).toEqual([]);
    expect(errorsOf(lex)).toEqual([expect.stringContaining('[empty-arn] LexV2Bot.AliasArn is empty')]);
  });

  it('still reports our own ${…} tokens', () => {
    expect(errorsOf(doc([say('m', 'end', '${Greeting}'), end()]))).toEqual([
      expect.stringContaining('placeholder ${Greeting} was not substituted'),
    ]);
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['[1,2,]', 5],
    ['{"a":1,}', 7],
    ['{"a" 1}', 5],
    ['"ab\\q"', 4],
    ['{"a":tru}', 8],
    ['[1] x', 4],
    ['{"a":[{"b":-}]}', 12],
    ['"\u0001"', 1],
    ['{"a":', 5],
  ])('%j fails at %i, where JSON.parse does', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('survives nesting deep enough to overflow a recursive parser', () => {
    expect(jsonErrorOffset('['.repeat(200_000))).toBe(200_000);
  });
});
