import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { type AlarmThresholds, parseConfig } from '../../lib/config';
import {
  DEAD_LETTER_QUEUE_TAG,
  DEAD_LETTER_REDRIVE_TAG,
  OperationsDashboard,
} from '../../lib/constructs/operations-dashboard';
import { ContactCenterStack } from '../../lib/contact-center-stack';
import { testApp } from './test-app';

/** The construct on stand-ins for the stack's function, API, queues, stream and topic. */
function build(thresholds: AlarmThresholds = parseConfig({}).alarms) {
  const stack = new Stack(testApp(), 'Ops', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const ivrLookup = new lambda.Function(stack, 'IvrLookup', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
  });
  const intakeApi = new apigw.RestApi(stack, 'IntakeApi', { restApiName: 'intake' });
  intakeApi.root.addMethod('POST');
  const historyApi = new apigwv2.HttpApi(stack, 'HistoryApi');
  const agentApi = new apigwv2.HttpApi(stack, 'AgentApi');
  const vocQueue = new sqs.Queue(stack, 'VocQueue');
  const vocDlq = new sqs.Queue(stack, 'VocDlq');
  const ctrDlq = new sqs.Queue(stack, 'CtrDlq');
  const stream = new kinesis.Stream(stack, 'Ctr');
  const topic = new sns.Topic(stack, 'Alarms');
  const ops = new OperationsDashboard(stack, 'Operations', {
    instanceId: 'instance-1234',
    flowNames: ['Inbound voice', 'Customer queue', 'Inbound chat'],
    queueNames: ['General', 'Priority'],
    ivrLookup,
    intakeApi,
    historyApi,
    agentApi,
    vocQueue,
    deadLetterQueues: {
      voc: { queue: vocDlq, redrive: 'source' },
      'contact-records': { queue: ctrDlq, redrive: 'none' },
    },
    contactRecordStream: stream,
    alarmTopic: topic,
    thresholds,
  });
  return { stack, ops, template: Template.fromStack(stack) };
}

const { stack, template, ops } = build();
const toTopic = { AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }] };
const connectDims = (group: string) => [
  { Name: 'InstanceId', Value: 'instance-1234' },
  { Name: 'MetricGroup', Value: group },
];

describe('OperationsDashboard alarms (each notifies the alarm topic)', () => {
  test.each([
    ['ContactFlowErrors', 5],
    ['ContactFlowFatalErrors', 1],
  ])('%s: the sum over every flow, missing points as zero', (metricName, threshold) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'SUM(FILL(METRICS(), 0))', ReturnData: true }),
        ...['Inbound voice', 'Customer queue', 'Inbound chat'].map((flow) =>
          Match.objectLike({
            MetricStat: Match.objectLike({
              Metric: {
                Namespace: 'AWS/Connect',
                MetricName: metricName,
                // CDK writes dimensions in name order.
                Dimensions: [{ Name: 'ContactFlowName', Value: flow }, ...connectDims('ContactFlow')],
              },
              Stat: 'Sum',
            }),
            ReturnData: false,
          }),
        ),
      ]),
    });
  });

  test('calls breaching the concurrency quota', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      Namespace: 'AWS/Connect',
      MetricName: 'CallsBreachingConcurrencyQuota',
      Dimensions: connectDims('VoiceCalls'),
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  test.each([
    ['Errors', 1],
    ['Throttles', 1],
  ])('ivr-lookup %s', (metricName, threshold) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      Namespace: 'AWS/Lambda',
      MetricName: metricName,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^IvrLookup') } }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: threshold,
    });
  });

  test('ivr-lookup p99 above 1 s in two of three 5-minute periods', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      ExtendedStatistic: 'p99',
      Threshold: 1000,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
  });

  test('any message in any dead-letter queue, one alarm per queue naming the redrive command', () => {
    for (const [dlq, hint] of [
      ['VocDlq', 'contact-center ops dlq redrive voc --stage aws'],
      ['CtrDlq', 'replay from the stream'],
    ] as const) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...toTopic,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${dlq}`), 'QueueName'] } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmDescription: Match.stringLikeRegexp(hint),
      });
    }
  });

  test('VOC backlog older than an hour', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^VocQueue'), 'QueueName'] } }],
      Threshold: 3600,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  test('contact-record iterator age above 5 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      Namespace: 'AWS/Kinesis',
      MetricName: 'GetRecords.IteratorAgeMilliseconds',
      Statistic: 'Maximum',
      Threshold: 300_000,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  const metricStat = (metricName: string, dimension: string) =>
    Match.objectLike({
      MetricStat: Match.objectLike({
        Metric: Match.objectLike({
          Namespace: 'AWS/ApiGateway',
          MetricName: metricName,
          Dimensions: [Match.objectLike({ Name: dimension })],
        }),
        Stat: 'Sum',
      }),
    });

  test('intake and history API 5xx: the public REST API (5XXError) and the IAM HTTP API (5xx) in one alarm', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      AlarmDescription: Match.stringLikeRegexp('#api-5xx$'),
      Threshold: 1,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(intake, 0) + FILL(history, 0)' }),
        metricStat('5XXError', 'ApiName'),
        metricStat('5xx', 'ApiId'),
      ]),
    });
  });

  test('agent API 5xx (an access trail that cannot be written is a 503, so it alarms too)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      AlarmDescription: Match.stringLikeRegexp('#agent-api-5xx$'),
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: Match.stringLikeRegexp('^AgentApi') } }],
      Statistic: 'Sum',
      Threshold: 1,
    });
  });

  test('exactly these alarms, every one pointing at its docs section', () => {
    expect(Object.keys(ops.alarms).sort()).toEqual([
      'AgentApi5xx',
      'Api5xx',
      'ConcurrencyQuota',
      'ContactRecordIteratorAge',
      'DeadLettersContactRecords',
      'DeadLettersVoc',
      'FlowErrors',
      'FlowFatalErrors',
      'IvrLookupErrors',
      'IvrLookupLatency',
      'IvrLookupThrottles',
      'VocBacklog',
    ]);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 12);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('See docs/operations\\.md#[a-z0-9-]+$'),
      TreatMissingData: 'notBreaching',
    });
  });

  test('thresholds come from config', () => {
    const custom = build(
      parseConfig({ alarms: { ivrLookupP99Ms: 1500, vocBacklogMinutes: 30, contactRecordIteratorAgeMinutes: 10 } })
        .alarms,
    ).template;
    custom.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', Threshold: 1500 });
    custom.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 1800,
    });
    custom.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'GetRecords.IteratorAgeMilliseconds',
      Threshold: 600_000,
    });
  });

  test('dead-letter queues carry the tags `ops dlq` finds them by', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      Tags: Match.arrayWith([
        { Key: DEAD_LETTER_QUEUE_TAG, Value: 'voc' },
        { Key: DEAD_LETTER_REDRIVE_TAG, Value: 'source' },
      ]),
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      Tags: Match.arrayWith([
        { Key: DEAD_LETTER_QUEUE_TAG, Value: 'contact-records' },
        { Key: DEAD_LETTER_REDRIVE_TAG, Value: 'none' },
      ]),
    });
  });
});

describe('OperationsDashboard dashboard', () => {
  const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));

  test('one dashboard', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  test.each([
    'CallsPerInterval',
    'ConcurrentCalls',
    'ConcurrentCallsPercentage',
    'MissedCalls',
    'ThrottledCalls',
    'QueueSize',
    'LongestQueueWaitTime',
    'ContactFlowErrors',
    'ContactFlowFatalErrors',
    'Duration',
    'Errors',
    'Throttles',
    '4xx',
    '5xx',
    'ApproximateAgeOfOldestMessage',
    'ApproximateNumberOfMessagesVisible',
    'GetRecords.IteratorAgeMilliseconds',
  ])('shows %s', (metric) => {
    expect(body).toContain(`\\"${metric}\\"`);
  });

  test('shows ivr-lookup p50 and p99, every queue and the alarm status', () => {
    expect(body).toContain('\\"stat\\":\\"p50\\"');
    expect(body).toContain('\\"stat\\":\\"p99\\"');
    expect(body).toContain('\\"QueueName\\",\\"General\\"');
    expect(body).toContain('\\"QueueName\\",\\"Priority\\"');
    expect(body).toContain('\\"type\\":\\"alarm\\"');
  });
});

describe('OperationsDashboard validation', () => {
  test('synthesizes without warnings (e.g. metric periods a math expression would override)', () => {
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('rejects a dead-letter queue name the CLI cannot take', () => {
    const stack = new Stack(testApp(), 'Bad');
    const fn = new lambda.Function(stack, 'F', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
    expect(
      () =>
        new OperationsDashboard(stack, 'Ops', {
          instanceId: 'i',
          flowNames: ['f'],
          queueNames: ['q'],
          ivrLookup: fn,
          intakeApi: new apigw.RestApi(stack, 'IntakeApi'),
          historyApi: new apigwv2.HttpApi(stack, 'Api'),
          vocQueue: new sqs.Queue(stack, 'Q'),
          deadLetterQueues: { 'VOC Queue': { queue: new sqs.Queue(stack, 'D'), redrive: 'source' } },
          alarmTopic: new sns.Topic(stack, 'T'),
          thresholds: parseConfig({}).alarms,
        }),
    ).toThrow('dead-letter queue name "VOC Queue"');
  });
});

describe('OperationsDashboard in the stack', () => {
  // Email and contact-record intake on: every dead-letter queue of the stack exists.
  const full = new ContactCenterStack(testApp(), 'Full', {
    config: parseConfig({ intake: { email: { domain: 'support.example.com' } } }),
    env: { account: '123456789012', region: 'ap-northeast-1' },
  });
  const fullTemplate = Template.fromStack(full);
  const alarmTopic = { Ref: full.getLogicalId(full.alarmTopic.node.defaultChild as sns.CfnTopic) };

  test('one dashboard and every alarm, each to the stack alarm topic', () => {
    fullTemplate.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(Object.keys(full.operations.alarms).sort()).toEqual([
      'AgentApi5xx',
      'Api5xx',
      'ConcurrencyQuota',
      'ContactRecordIteratorAge',
      'DeadLettersContactRecords',
      'DeadLettersInboundMail',
      'DeadLettersVoc',
      'FlowErrors',
      'FlowFatalErrors',
      'IvrLookupErrors',
      'IvrLookupLatency',
      'IvrLookupThrottles',
      'VocBacklog',
    ]);
    // No alarm anywhere else in the stack: the per-construct dead-letter alarms are these now.
    fullTemplate.resourceCountIs('AWS::CloudWatch::Alarm', 13);
    fullTemplate.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [alarmTopic] });
  });

  test('the flow alarms cover every deployed flow', () => {
    const flows = fullTemplate.findResources('AWS::Connect::ContactFlow');
    const names = Object.values(flows).map((f) => (f as { Properties: { Name: string } }).Properties.Name);
    expect(names.sort()).toEqual(['Customer queue', 'Inbound chat', 'Inbound voice']);
    for (const name of names) {
      fullTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: Match.arrayWith([
          Match.objectLike({
            MetricStat: Match.objectLike({
              Metric: Match.objectLike({
                MetricName: 'ContactFlowFatalErrors',
                Dimensions: Match.arrayWith([{ Name: 'ContactFlowName', Value: name }]),
              }),
            }),
          }),
        ]),
      });
    }
  });

  test('the dashboard name is a stack output', () => {
    fullTemplate.hasOutput('OperationsDashboardName', {});
  });
});
