// biome-ignore-all lint/suspicious/noTemplateCurlyInString: flow placeholders are written ${Name}, as in the flow files
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import { DEFAULT_FLOWS_DIR, FLOW_CATALOG } from '../../../lib/flows/catalog';
import { ContactFlows, prepareFlow } from '../../../lib/flows/contact-flows';

const INSTANCE_ARN = 'arn:aws:connect:ap-northeast-1:111111111111:instance/i-1';

function stringPlaceholders(): Record<string, string> {
  return {
    IvrLookupFunctionArn: 'arn:aws:lambda:ap-northeast-1:111111111111:function:ivr-lookup',
    'Queue:General': `${INSTANCE_ARN}/queue/q-general`,
    'Queue:Priority': `${INSTANCE_ARN}/queue/q-priority`,
    'HoursOfOperation:BusinessHours': `${INSTANCE_ARN}/operating-hours/h-1`,
    'HoursOfOperation:OperatingCalendar': `${INSTANCE_ARN}/operating-hours/h-calendar`,
    'Voice:ja-JP': 'Kazuha',
    'Voice:en-US': 'Joanna',
  };
}

function synth(build: (stack: Stack) => void): Template {
  const stack = new Stack(new App(), 'FlowsTest', { env: { account: '111111111111', region: 'ap-northeast-1' } });
  build(stack);
  return Template.fromStack(stack);
}

/** Joins an Fn::Join content into text, writing references as «LogicalId.Attr». */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  const join = (content as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return join[1]
    .map((part) => {
      if (typeof part === 'string') return part;
      const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt) return `«${getAtt[0]}.${getAtt[1]}»`;
      const ref = (part as { Ref?: string }).Ref;
      return `«${ref}»`;
    })
    .join(join[0]);
}

function flowsOfType(template: Template, type: string) {
  return Object.entries(template.findResources('AWS::Connect::ContactFlow', { Properties: { Type: type } }));
}

describe('ContactFlows', () => {
  it('creates the customer queue flow and the inbound flow, published, with substituted content', () => {
    const template = synth(
      (stack) => new ContactFlows(stack, 'Flows', { instanceArn: INSTANCE_ARN, placeholders: stringPlaceholders() }),
    );
    template.resourceCountIs('AWS::Connect::ContactFlow', 2);
    template.hasResourceProperties('AWS::Connect::ContactFlow', {
      Type: 'CUSTOMER_QUEUE',
      State: 'ACTIVE',
      InstanceArn: INSTANCE_ARN,
      Name: 'Customer queue',
    });
    template.hasResourceProperties('AWS::Connect::ContactFlow', {
      Type: 'CONTACT_FLOW',
      State: 'ACTIVE',
      InstanceArn: INSTANCE_ARN,
      Name: 'Inbound voice',
    });
    const [[queueId]] = flowsOfType(template, 'CUSTOMER_QUEUE') as [[string, unknown]];
    const [[, inbound]] = flowsOfType(template, 'CONTACT_FLOW') as [[string, { Properties: { Content: unknown } }]];
    const text = contentText(inbound.Properties.Content);
    expect(text).not.toContain('${');
    expect(text).toContain(`«${queueId}.ContactFlowArn»`);
    const doc = JSON.parse(text.replace(`«${queueId}.ContactFlowArn»`, 'arn:flow'));
    const lookup = doc.Actions.find((a: { Identifier: string }) => a.Identifier === 'lookup-caller');
    expect(lookup.Parameters.LambdaFunctionARN).toBe('arn:aws:lambda:ap-northeast-1:111111111111:function:ivr-lookup');
  });

  it('accepts CDK tokens as placeholder values and exposes the flow ARNs', () => {
    let flows: ContactFlows | undefined;
    const template = synth((stack) => {
      const queue = new connect.CfnQueue(stack, 'General', {
        instanceArn: INSTANCE_ARN,
        name: 'General',
        hoursOfOperationArn: `${INSTANCE_ARN}/operating-hours/h-1`,
      });
      flows = new ContactFlows(stack, 'Flows', {
        instanceArn: INSTANCE_ARN,
        placeholders: { ...stringPlaceholders(), 'Queue:General': queue.attrQueueArn },
      });
      expect(stack.resolve(flows.inboundFlowArn)).toEqual({
        'Fn::GetAtt': [stack.getLogicalId(flows.inboundFlow), 'ContactFlowArn'],
      });
      expect(stack.resolve(flows.customerQueueFlowArn)).toEqual({
        'Fn::GetAtt': [stack.getLogicalId(flows.customerQueueFlow), 'ContactFlowArn'],
      });
    });
    expect(flows?.warnings).toEqual([]);
    const [[queueLogicalId]] = Object.entries(template.findResources('AWS::Connect::Queue')) as [[string, unknown]];
    const [[, inbound]] = flowsOfType(template, 'CONTACT_FLOW') as [[string, { Properties: { Content: unknown } }]];
    expect(contentText(inbound.Properties.Content)).toContain(`"QueueId": "«${queueLogicalId}.QueueArn»"`);
  });

  it('fails synth naming the unresolved placeholder when a value is missing', () => {
    const { 'Queue:Priority': _omitted, ...placeholders } = stringPlaceholders();
    expect(() =>
      synth((stack) => new ContactFlows(stack, 'Flows', { instanceArn: INSTANCE_ARN, placeholders })),
    ).toThrow(
      /inbound-voice\.json: queue-priority: \[unresolved-placeholder\] placeholder \$\{Queue:Priority\} was not substituted/,
    );
  });

  it('fails synth listing every lint error of a broken flow', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flows-'));
    for (const e of FLOW_CATALOG) fs.copyFileSync(path.join(DEFAULT_FLOWS_DIR, e.file), path.join(dir, e.file));
    const queueFlow = JSON.parse(fs.readFileSync(path.join(dir, 'customer-queue.json'), 'utf8'));
    queueFlow.Actions.push({
      Identifier: 'bad',
      Type: 'TransferContactToQueue',
      Parameters: {},
      Transitions: { NextAction: 'nowhere' },
    });
    queueFlow.StartAction = 'bad';
    fs.writeFileSync(path.join(dir, 'customer-queue.json'), JSON.stringify(queueFlow));
    let message = '';
    try {
      synth(
        (stack) =>
          new ContactFlows(stack, 'Flows', {
            instanceArn: INSTANCE_ARN,
            placeholders: stringPlaceholders(),
            flowsDir: dir,
          }),
      );
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      'customer-queue.json: bad: [next-action] NextAction goes to "nowhere", which names no action',
    );
    expect(message).toContain(
      'customer-queue.json: bad: [flow-type] TransferContactToQueue is not allowed in a CUSTOMER_QUEUE flow',
    );
  });

  it('lets the stack order flows after what they reference', () => {
    const template = synth((stack) => {
      const role = new iam.Role(stack, 'Permission', { assumedBy: new iam.ServicePrincipal('connect.amazonaws.com') });
      const flows = new ContactFlows(stack, 'Flows', { instanceArn: INSTANCE_ARN, placeholders: stringPlaceholders() });
      flows.addDependency(role);
    });
    const [[roleId]] = Object.entries(template.findResources('AWS::IAM::Role')) as [[string, unknown]];
    template.hasResource('AWS::Connect::ContactFlow', {
      Properties: { Type: 'CONTACT_FLOW' },
      DependsOn: Match.arrayWith([roleId]),
    });
    template.hasResource('AWS::Connect::ContactFlow', {
      Properties: { Type: 'CUSTOMER_QUEUE' },
      DependsOn: Match.arrayWith([roleId]),
    });
  });

  it('refuses Flow: placeholders from the caller (it fills them itself)', () => {
    expect(() =>
      synth(
        (stack) =>
          new ContactFlows(stack, 'Flows', {
            instanceArn: INSTANCE_ARN,
            placeholders: { ...stringPlaceholders(), 'Flow:CustomerQueue': 'arn:x' },
          }),
      ),
    ).toThrow(/Flow:CustomerQueue are filled by the construct itself/);
  });
});

describe('prepareFlow', () => {
  it('lints the substituted content and keeps tokens for CloudFormation', () => {
    const raw = JSON.stringify({
      Version: '2019-10-30',
      StartAction: 'q',
      Actions: [
        {
          Identifier: 'q',
          Type: 'UpdateContactTargetQueue',
          Parameters: { QueueId: '${Queue:General}' },
          Transitions: { NextAction: 'end', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
        },
        { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
      ],
    });
    const stack = new Stack();
    const queue = new connect.CfnQueue(stack, 'Q', {
      instanceArn: INSTANCE_ARN,
      name: 'G',
      hoursOfOperationArn: 'arn:h',
    });
    const prepared = prepareFlow(
      raw,
      { 'Queue:General': queue.attrQueueArn },
      { file: 'f.json', flowType: 'CONTACT_FLOW' },
    );
    expect(prepared.diagnostics).toEqual([]);
    expect(stack.resolve(prepared.content)).toEqual({
      'Fn::Join': ['', expect.arrayContaining([{ 'Fn::GetAtt': ['Q', 'QueueArn'] }])],
    });
    expect(prepareFlow(raw, {}, { file: 'f.json', flowType: 'CONTACT_FLOW' }).diagnostics.map((d) => d.rule)).toEqual([
      'unresolved-placeholder',
    ]);
  });
});

describe('ContactFlows safe rollout', () => {
  const build = (placeholders = stringPlaceholders()) => {
    let flows: ContactFlows | undefined;
    const template = synth((stack) => {
      flows = new ContactFlows(stack, 'Flows', { instanceArn: INSTANCE_ARN, placeholders });
    });
    return { template, flows: flows! };
  };
  const descriptions = (template: Template) =>
    Object.values(template.findResources('AWS::Connect::ContactFlowVersion')).map(
      (r) => (r as { Properties: { Description: string } }).Properties.Description,
    );

  it('publishes a retained version of every flow, pointing at the flow', () => {
    const { template, flows } = build();
    template.resourceCountIs('AWS::Connect::ContactFlowVersion', FLOW_CATALOG.length);
    for (const [key, flow] of Object.entries(flows.flows)) {
      const version = flows.versions[key]!;
      template.hasResource('AWS::Connect::ContactFlowVersion', {
        Properties: {
          ContactFlowId: { 'Fn::GetAtt': [Stack.of(flow).getLogicalId(flow), 'ContactFlowArn'] },
          Description: Match.stringLikeRegexp(`^${flow.name} content sha256:[0-9a-f]{16}$`),
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(Stack.of(version).resolve(version.attrContactFlowVersionArn)).toEqual({
        'Fn::GetAtt': [Stack.of(version).getLogicalId(version), 'ContactFlowVersionARN'],
      });
    }
    expect(Stack.of(flows).resolve(flows.inboundFlowVersionArn)).toEqual({
      'Fn::GetAtt': [Stack.of(flows).getLogicalId(flows.versions.InboundVoice!), 'ContactFlowVersionARN'],
    });
  });

  it('publishes a new version only when the deployed content changes', () => {
    const first = descriptions(build().template);
    expect(descriptions(build().template)).toEqual(first);
    const moved = descriptions(
      build({ ...stringPlaceholders(), 'Queue:Priority': `${INSTANCE_ARN}/queue/q-vip` }).template,
    );
    // The priority queue is named by the inbound flow only: its version changes, the queue flow's does not.
    expect(moved.filter((d) => first.includes(d))).toEqual([expect.stringContaining('Customer queue')]);
    expect(moved).toHaveLength(first.length);
  });
});
