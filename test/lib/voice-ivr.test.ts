// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow placeholders are written ${Name}, as in the flow files
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { parseConfig } from '../../lib/config';
import { ContactCenterStack } from '../../lib/contact-center-stack';
import { DEFAULT_FLOWS_DIR } from '../../lib/flows';
import { CALLER_SCENARIOS } from '../../lib/flows/caller-scenarios';
import { testApp } from './test-app';

const ENV = { account: '123456789012', region: 'ap-northeast-1' };
// A claimable (non-JP) number, so the association to the inbound flow is synthesized.
const config = parseConfig({ phoneNumber: { enabled: true, countryCode: 'US' } });
const stack = new ContactCenterStack(testApp(), 'Ivr', { config, env: ENV });
const template = Template.fromStack(stack);

const lookupFn = stack.getLogicalId(stack.ivr.lookupFunction.node.defaultChild as never);
const instance = stack.getLogicalId(stack.connect.instance);
const integration = stack.getLogicalId(stack.ivr.integration);
const queueFlow = stack.getLogicalId(stack.ivr.flows.customerQueueFlow);
const inboundFlow = stack.getLogicalId(stack.ivr.flows.inboundFlow);

function resource(id: string): { Properties: Record<string, unknown>; DependsOn?: string[] } {
  return template.toJSON().Resources[id];
}

describe('ivr-lookup function', () => {
  test('bundles the ivr-lookup handler on Node ARM64 with a timeout well inside Connect’s 8 s', () => {
    const fn = resource(lookupFn);
    expect(fn.Properties).toMatchObject({ Architectures: ['arm64'], Handler: 'index.handler', Timeout: 5 });
    expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
    expect(fn.Properties.Environment).toEqual({
      Variables: expect.objectContaining({
        CUSTOMER_TABLE_NAME: { Ref: stack.getLogicalId(stack.customerTable.node.defaultChild as never) },
        DEFAULT_COUNTRY: 'JP',
      }),
    });
  });

  test('starts without loading its source map: Node would parse it before the first caller is answered', () => {
    const variables = (resource(lookupFn).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables).not.toHaveProperty('NODE_OPTIONS');
    // Every other project function (traced, unlike CDK's own provider functions) keeps readable stack traces.
    type Fn = { Properties: { TracingConfig?: { Mode: string }; Environment: { Variables: object } } };
    const others = Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, Fn>).filter(
      ([id, r]) => id !== lookupFn && r.Properties.TracingConfig?.Mode === 'Active',
    );
    expect(others.length).toBeGreaterThan(0);
    for (const [, r] of others) {
      expect(r.Properties.Environment.Variables).toHaveProperty('NODE_OPTIONS', '--enable-source-maps');
    }
  });

  test('only Connect, and only from this instance and account, may invoke it', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [lookupFn, 'Arn'] },
      Principal: 'connect.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [instance, 'Arn'] },
      SourceAccount: '123456789012',
    });
  });

  test('is associated with the instance as a LAMBDA_FUNCTION integration', () => {
    template.hasResourceProperties('AWS::Connect::IntegrationAssociation', {
      InstanceId: { 'Fn::GetAtt': [instance, 'Arn'] },
      IntegrationType: 'LAMBDA_FUNCTION',
      IntegrationArn: { 'Fn::GetAtt': [lookupFn, 'Arn'] },
    });
  });

  test('may only read the customer table', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const actions = Object.values(policies)
      .filter((p) => JSON.stringify(p).includes('IvrLookupFunctionServiceRole'))
      .flatMap((p) =>
        (
          p as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }
        ).Properties.PolicyDocument.Statement.flatMap((s) => s.Action),
      );
    expect(actions.some((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a))).toBe(false);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
  });
});

describe('contact flows', () => {
  test('the inbound flow names the lookup function, both queues, the hours and the customer queue flow', () => {
    const content = JSON.stringify(resource(inboundFlow).Properties.Content);
    expect(content).toContain(lookupFn);
    expect(content).toContain(stack.getLogicalId(stack.routing.queues.General!));
    expect(content).toContain(stack.getLogicalId(stack.routing.queues.Priority!));
    expect(content).toContain(queueFlow);
    expect(content).toContain('Kazuha');
    expect(content).toContain('Joanna');
    expect(content).not.toMatch(/\$\{(IvrLookupFunctionArn|Queue:|HoursOfOperation:|Flow:|Voice:)/);
  });

  test('flows are created after the integration, the invoke permission and the last agent resource', () => {
    const permission = Object.keys(
      template.findResources('AWS::Lambda::Permission', {
        Properties: { Principal: 'connect.amazonaws.com' },
      }),
    )[0]!;
    for (const flow of [queueFlow, inboundFlow]) {
      expect(resource(flow).DependsOn).toEqual(expect.arrayContaining([integration, permission]));
    }
  });

  test("the phone number is associated with the inbound IVR flow's published version", () => {
    const cr = Object.values(template.findResources('Custom::ConnectPhoneNumberFlowAssociation'))[0] as {
      Properties: { Create: unknown };
    };
    const [version] = Object.entries(template.findResources('AWS::Connect::ContactFlowVersion')).find(([, v]) =>
      JSON.stringify(v).includes(inboundFlow),
    )!;
    expect(JSON.stringify(cr.Properties.Create)).toContain(`{"Fn::GetAtt":["${version}","ContactFlowVersionARN"]}`);
  });

  test('a broken flow fails synth with the file, the action and the rule', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-'));
    for (const f of fs.readdirSync(DEFAULT_FLOWS_DIR))
      fs.copyFileSync(path.join(DEFAULT_FLOWS_DIR, f), path.join(dir, f));
    const flow = JSON.parse(fs.readFileSync(path.join(dir, 'inbound-voice.json'), 'utf8')) as {
      Actions: { Identifier: string; Transitions: { NextAction?: string } }[];
    };
    const first = flow.Actions.find((a) => a.Transitions.NextAction)!;
    first.Transitions.NextAction = 'no-such-action';
    fs.writeFileSync(path.join(dir, 'inbound-voice.json'), JSON.stringify(flow));

    expect(() => new ContactCenterStack(testApp(), 'Broken', { config, env: ENV, flowsDir: dir })).toThrow(
      new RegExp(`inbound-voice\\.json: ${first.Identifier}: .*no-such-action`),
    );
  });

  test('an unresolved placeholder fails synth', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-'));
    for (const f of fs.readdirSync(DEFAULT_FLOWS_DIR))
      fs.copyFileSync(path.join(DEFAULT_FLOWS_DIR, f), path.join(dir, f));
    const file = path.join(dir, 'inbound-voice.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('${Queue:General}', '${Queue:Nowhere}'));

    expect(() => new ContactCenterStack(testApp(), 'Unresolved', { config, env: ENV, flowsDir: dir })).toThrow(
      /Queue:Nowhere/,
    );
  });
});

describe('native test cases', () => {
  const cases = () =>
    Object.entries(template.findResources('AWS::Connect::TestCase')) as [
      string,
      { Properties: Record<string, unknown>; DependsOn?: string[] },
    ][];
  const hours = (name: string) =>
    Object.keys(template.findResources('AWS::Connect::HoursOfOperation', { Properties: { Name: name } }))[0]!;

  test('one published test case per shared caller scenario, entering the inbound flow from the caller number', () => {
    expect(cases().map(([, c]) => c.Properties.Name)).toEqual(CALLER_SCENARIOS.map((s) => `caller-${s.id}`));
    for (const [, c] of cases()) {
      expect(c.Properties).toMatchObject({
        InstanceArn: { 'Fn::GetAtt': [instance, 'Arn'] },
        Status: 'PUBLISHED',
        EntryPoint: {
          Type: 'VOICE_CALL',
          VoiceCallEntryPointParameters: {
            SourcePhoneNumber: expect.stringMatching(/^\+81\d+$/),
            FlowId: {
              'Fn::Select': [1, { 'Fn::Split': ['contact-flow/', { 'Fn::GetAtt': [inboundFlow, 'ContactFlowArn'] }] }],
            },
          },
        },
      });
    }
  });

  test('the content is the compiled scenario, with the substitute hours of the stack', () => {
    const [, afterHours] = cases().find(([, c]) => c.Properties.Name === 'caller-after-hours')!;
    const content = JSON.stringify(afterHours.Properties.Content);
    expect(content).toContain('\\"Version\\":\\"2025-06-21\\"');
    expect(content).toContain('ただいま営業時間外のため');
    expect(content).toContain(`{"Fn::GetAtt":["${hours('Test: always closed')}","HoursOfOperationArn"]}`);
    expect(content).not.toContain(hours('Test: always open'));
    template.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      Name: 'Test: always open',
      TimeZone: 'Asia/Tokyo',
      Config: Match.arrayWith([
        { Day: 'SUNDAY', StartTime: { Hours: 0, Minutes: 0 }, EndTime: { Hours: 23, Minutes: 59 } },
      ]),
    });
  });

  test('created one at a time after the flows, before the number is associated', () => {
    const ids = cases().map(([id]) => id);
    for (let i = 1; i < ids.length; i++) expect(resource(ids[i]!).DependsOn).toContain(ids[i - 1]);
    expect(resource(hours('Test: always open')).DependsOn).toEqual(expect.arrayContaining([inboundFlow]));
    const [association] = Object.keys(template.findResources('Custom::ConnectPhoneNumberFlowAssociation'));
    expect(resource(association!).DependsOn).toEqual(expect.arrayContaining(ids));
  });
});
